import { randomUUID } from 'node:crypto';
import { validCreditCode, QINGHAI } from '@jianguan/testing';
import { deriveListing, eventTimeOf, type ListingFact } from '../src/domain/listing-rules';
import { bigrams, pinyinKeys } from '../src/domain/name-index';
import { filedThenRevoked, missedThenFixedLate, removedFromBlacklist, shuffled } from '@jianguan/testing';
import type { EventEnvelope } from '@jianguan/events';

const toFacts = (events: EventEnvelope[]): ListingFact[] =>
  events.map((e) => ({
    eventId: e.id,
    type: e.type as ListingFact['type'],
    occurredAt: eventTimeOf(e.type, e.payload as Record<string, unknown>, e.occurredAt),
    payload: e.payload as never,
  }));

const institution = () => ({
  institutionId: randomUUID(),
  creditCode: validCreditCode(),
  name: '城东区博学培训学校',
  regionCode: QINGHAI.chengdong,
});

describe('deriving a list from events', () => {
  it('goes GREY → WHITE → GREY → BLACK and stays BLACK after a late fix, in event time', () => {
    const derived = deriveListing(toFacts(missedThenFixedLate(institution())));
    expect(derived.history.map((h) => [h.fromList, h.toList, h.reasonCode, h.eventType])).toEqual([
      [null, 'GREY', 'CERTIFICATES_INCOMPLETE', 'InstitutionClassified'],
      ['GREY', 'WHITE', 'CERTIFICATES_COMPLETE', 'LicenceRecorded'],
      ['WHITE', 'GREY', 'RECTIFICATION_ORDERED', 'RectificationOrderIssued'],
      ['GREY', 'BLACK', 'RECTIFICATION_DEADLINE_MISSED', 'RectificationDeadlineMissed'],
    ]);
    expect(derived.list).toBe('BLACK');
    expect(derived.reason).toBe('逾期未完成整改（期限 2026-06-30），列入黑名单');
    expect(derived.since).toEqual(new Date('2026-06-30T16:05:00Z'));
    expect(derived.name).toBe('城东区博学培训学校');
  });

  it('leaves the black list by a removal decision, recorded with its reason', () => {
    const i = institution();
    const derived = deriveListing(toFacts([...missedThenFixedLate(i), removedFromBlacklist(i)]));
    expect(derived.history.at(-1)).toMatchObject({
      fromList: 'BLACK',
      toList: 'WHITE',
      reasonCode: 'REMOVED_FROM_BLACKLIST',
      reason: '经决定移出黑名单：整改到位，经复查符合办学条件',
      eventType: 'InstitutionRemovedFromBlacklist',
    });
    expect(derived).toMatchObject({ list: 'WHITE', reasonCode: 'CERTIFICATES_COMPLETE', reason: '证照齐全' });
    expect(derived.since).toEqual(new Date('2026-08-10T01:00:00Z'));
  });

  it('gives the same list and history for every order of arrival', () => {
    const i = institution();
    const events = [...missedThenFixedLate(i), removedFromBlacklist(i)];
    const expected = deriveListing(toFacts(events));
    for (let seed = 1; seed <= 200; seed++) {
      expect(deriveListing(toFacts(shuffled(events, seed)))).toEqual(expected);
    }
  });

  it('puts a revoked online institution on the black list for good', () => {
    const derived = deriveListing(toFacts(filedThenRevoked(institution())));
    expect(derived.history.map((h) => h.toList)).toEqual(['WHITE', 'BLACK']);
    expect(derived.reasonCode).toBe('PENALTY_LICENCE_REVOCATION');
    expect(derived.reason).toBe('吊销办学许可证，列入黑名单');
  });
});

describe('name keys', () => {
  it('stores full pinyin and initials without tones', () => {
    expect(pinyinKeys('城东区博学培训学校')).toEqual({
      full: 'chengdongquboxuepeixunxuexiao',
      initials: 'cdqbxpxxx',
    });
  });
  it('indexes every 2-character fragment', () => {
    expect(bigrams('博学培训')).toEqual(['博学', '学培', '培训']);
  });
});
