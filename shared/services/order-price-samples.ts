/**
 * The order-prices consumer's work: one order's `created` event becomes one price sample
 * (domain/wage-survey/price-sample.ts) in the cell of its service type and mode, in the
 * Asia/Shanghai year the order was posted (the event's `time`). Everything it needs is in
 * the event, so nothing is read. Any other event type is refused: the rule delivers only
 * `created`, and a sample is never guessed.
 */
import { PRICE_SAMPLE_COMMAND, unitPriceFen } from '../domain/wage-survey/price-sample';
import { surveyYearOf } from '../domain/wage-survey/survey-year';
import type { OrderCloudEvent } from '../events/order-cloudevent';
import type { OrderEventCommand } from '../events/order-event-types';
import { orderEventData, UnreadableEventError } from '../events/read-order-cloudevent';
import type { StoreContext } from '../store/client';
import { wageSurveyRepository } from '../store/wage-survey-repository';

export async function samplePrice(store: StoreContext, event: OrderCloudEvent, command: OrderEventCommand): Promise<'counted' | 'duplicate'> {
  if (command !== PRICE_SAMPLE_COMMAND) throw new UnreadableEventError(`event ${event.id}: ${event.type} carries no order price`);
  const { orderId, tenantId, serviceType, mode, schedule, price } = orderEventData(event, PRICE_SAMPLE_COMMAND);
  return wageSurveyRepository(store).putPriceSample({
    year: surveyYearOf(new Date(event.time)),
    serviceType,
    mode,
    orderId,
    tenantId,
    unitFen: unitPriceFen(price.amountFen, mode, schedule),
    eventId: event.id,
  });
}
