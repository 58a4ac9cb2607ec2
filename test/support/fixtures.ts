import { EXAMPLE_ORDER } from '../../shared/schemas/examples';
import type { CreateOrderRequest } from '../../shared/schemas/order';

/** A valid order request; override any field. */
export function validOrder(overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  return {
    ...EXAMPLE_ORDER,
    ...overrides,
  };
}
