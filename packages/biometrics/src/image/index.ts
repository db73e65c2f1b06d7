export { decodeImage, type DecodeOptions } from './decode-image';
export { detectFormat } from './detect-format';
export { ImageDecodeError, UnsupportedImageFormatError, type ImageFormat } from './errors';
export { rescaleToStandard, rgbaToGrey, STANDARD_PPI, type GreyImage } from './grey-image';
