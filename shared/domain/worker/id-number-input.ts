/**
 * An ID number as people type it: Chinese input methods often produce full-width digits
 * (`４４０３…`) and a lower-case `x`. NFKC folds full-width forms to ASCII, then the
 * number is validated (resident-id.ts). The same folding as lookupHash's normalization,
 * so a number typed either way finds the same person.
 */
import { validateResidentId } from './resident-id';

/** The normalized ID number (upper case, ASCII), or undefined when it is not a valid one. */
export function residentIdInput(raw: string): string | undefined {
  const result = validateResidentId(raw.normalize('NFKC').replace(/\s+/gu, ''));
  return result.valid ? result.normalized : undefined;
}
