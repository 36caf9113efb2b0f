export { validate, type ValidationError, type ValidationResult } from './validate.js';
