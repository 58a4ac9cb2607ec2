/**
 * What the API shows of a station: its details with the services' Chinese labels and the
 * datum of its location; never the fingerprints it keeps to recognise repeated requests.
 */
import { STATION_SERVICES, type Station, type StationService } from '../domain/station/station';

export const serviceView = (code: StationService) => ({ code, label: STATION_SERVICES[code] });

export function stationView(s: Station) {
  return {
    stationId: s.stationId,
    name: s.name,
    district: s.district,
    street: s.street,
    address: s.address,
    location: { lat: s.location.lat, lng: s.location.lng },
    datum: 'WGS-84' as const,
    services: s.services.map(serviceView),
    enterprises: [...s.enterprises],
    openingHours: s.openingHours.map((h) => ({ days: [...h.days], opens: h.opens, closes: h.closes })),
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(s.closedAt !== undefined ? { closedAt: s.closedAt } : {}),
    ...(s.closeReason !== undefined ? { closeReason: s.closeReason } : {}),
    ...(s.reopenedAt !== undefined ? { reopenedAt: s.reopenedAt } : {}),
    ...(s.reopenReason !== undefined ? { reopenReason: s.reopenReason } : {}),
    version: s.version,
  };
}
