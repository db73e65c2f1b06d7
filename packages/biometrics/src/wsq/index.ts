// WSQ (Wavelet Scalar Quantization) grey-scale fingerprint image codec, FBI IAFIS-IC-0110 v3.
export { decodeWsq, type WsqImage } from './decode';
export { encodeWsq, type WsqEncodeOptions } from './encode';
export { WsqError } from './errors';
