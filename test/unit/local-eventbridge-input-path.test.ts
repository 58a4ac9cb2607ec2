/** local/eventbridge/input-path.ts: which InputPaths run locally, and what they select. */
import { describe, expect, it } from 'vitest';
import { parseInputPath, selectInputPath } from '../../local/eventbridge/input-path';

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'cn.anxin.claim.filed.v1',
  detail: { specversion: '1.0', id: 'evt_1', data: { claimId: 'clm_1', amountFen: 0, note: null } },
};

describe('InputPath', () => {
  it('supports $ and dotted member paths only', () => {
    expect(parseInputPath('$')).toEqual([]);
    expect(parseInputPath('$.detail')).toEqual(['detail']);
    expect(parseInputPath('$.detail-type')).toEqual(['detail-type']);
    expect(parseInputPath('$.detail.data.claimId')).toEqual(['detail', 'data', 'claimId']);
    for (const path of ['detail', '$.', '$..id', '$.detail[0]', "$['detail']", '$.detail.*', '$.a..b', '']) expect(parseInputPath(path), path).toBeUndefined();
  });

  it('selects the value at the path (the whole event for $), or nothing', () => {
    expect(selectInputPath(event, '$')).toBe(event);
    expect(selectInputPath(event, '$.detail')).toBe(event.detail);
    expect(selectInputPath(event, '$.detail.data.amountFen')).toBe(0);
    expect(selectInputPath(event, '$.detail.data.note')).toBeNull();
    expect(selectInputPath(event, '$.detail.missing')).toBeUndefined();
    expect(selectInputPath(event, '$.detail.id.length')).toBeUndefined();
    expect(selectInputPath(event, '$.detail.data.toString')).toBeUndefined();
    expect(() => selectInputPath(event, '$.detail[0]')).toThrow(/not supported/);
  });
});
