// Typed errors so callers can tell an unreadable file from an unsupported one without parsing messages.

export type ImageFormat = 'tiff' | 'png' | 'jpeg' | 'bmp' | 'wsq' | 'unknown';

export class ImageDecodeError extends Error {
  constructor(
    readonly format: ImageFormat,
    readonly reason: string,
  ) {
    super(`cannot decode ${format} image: ${reason}`);
    this.name = 'ImageDecodeError';
  }
}

/** The bytes are a format this decoder does not (yet) read, e.g. WSQ until the WSQ decoder is wired in. */
export class UnsupportedImageFormatError extends ImageDecodeError {
  constructor(format: ImageFormat, reason: string) {
    super(format, reason);
    this.name = 'UnsupportedImageFormatError';
  }
}
