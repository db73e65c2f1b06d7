// ANSI/NIST-ITL 1-2011 traditional encoding: read (2.x-5.0 as found), validate, write, build.
export {
  AnsiNistError, fieldValue, getField, formatIssue, textOf, byteString, idcOf,
  type AnIssue, type AnRecord, type BinaryHeader, type BinaryRecord, type Field, type TaggedRecord, type Transaction,
} from './model';
export { parseTransaction } from './parse';
export { writeTransaction } from './write';
export { validateTransaction } from './validate';
export { fingerprintImagesFromTransaction, faceImagesFromTransaction, type FingerprintImage, type FaceImage } from './images';
export {
  buildTransaction, exportTransaction,
  type BuildTransactionInput, type Type1Input, type FingerprintInput, type FaceInput,
} from './build';
