// Fingerprint engine: extraction, template formats, 1:1 matching, 1:N search and ten-print fusion.
export type { FingerprintTemplate, Minutia, MinutiaType, OrientationField } from './types';
export { NO_ORIENTATION } from './types';
export { extractFingerprint, FingerprintExtractionError, type ExtractionResult } from './extract/extract';
export { readIso19794, writeIso19794 } from './templates/iso19794';
export { readAnsi378, writeAnsi378 } from './templates/ansi378';
export { encodeTemplate, decodeTemplate, COMPACT_VERSION } from './templates/compact';
export { recordToTemplate, templateToRecord, type FingerMinutiaeRecord, type FingerView } from './templates/finger-record';
export { TemplateFormatError, type TemplateFormat } from './templates/errors';
export { compareTemplates, compareRawScore, prepareTemplate, probeIndexOf, type PreparedTemplate } from './match/matcher';
export { calibrate, EXTRAPOLATION_DECADES, MAX_SCORE as MAX_CALIBRATED_SCORE } from './match/calibration';
export { errorRates, median, percentile, type ErrorRates } from './evaluation/metrics';
export { FingerprintGallery, DuplicateGalleryIdError, type GalleryEntryInfo, type SearchHit, type SearchOptions } from './search/gallery';
export { fuseTenPrint, searchTenPrint, DEFAULT_TENPRINT_THRESHOLD, type TenPrintDecision, type SubjectCandidate } from './search/fusion';
export { fitCalibration, type CalibrationFit } from './evaluation/calibration-fit';
