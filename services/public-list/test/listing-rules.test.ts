import { randomUUID } from 'node:crypto';
import { validCreditCode, QINGHAI } from '@jianguan/testing';
import { deriveListing, eventTimeOf, type ListingFact } from '../src/domain/listing-rules';
import { bigrams, pinyinKeys } from '../src/domain/name-index';
import { filedThenRevoked, shuffled, whiteGreyBlackGrey } from './scenario';
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
  it('goes WHITE → GREY → BLACK → GREY with the reasons, in event time', () => {
    const derived = deriveListing(toFacts(whiteGreyBlackGrey(institution())));
    expect(derived.history.map((h) => [h.fromList, h.toList, h.reasonCode, h.eventType])).toEqual([
      [null, 'WHITE', 'CERTIFICATES_COMPLETE', 'LicenceRecorded'],
      ['WHITE', 'GREY', 'RECTIFICATION_ORDERED', 'RectificationOrderIssued'],
      ['GREY', 'BLACK', 'RECTIFICATION_DEADLINE_MISSED', 'RectificationDeadlineMissed'],
      ['BLACK', 'GREY', 'RECTIFICATION_CONFIRMED_AFTER_BLACKLIST', 'RectificationConfirmed'],
    ]);
    expect(derived.list).toBe('GREY');
    expect(derived.since).toEqual(new Date('2026-07-20T01:00:00Z'));
    expect(derived.name).toBe('城东区博学培训学校');
  });

  it('gives the same list and history for every order of arrival', () => {
    const events = [...whiteGreyBlackGrey(institution())];
    const expected = deriveListing(toFacts(events));
    for (let seed = 1; seed <= 200; seed++) {
      expect(deriveListing(toFacts(shuffled(events, seed)))).toEqual(expected);
    }
  });

  it('puts a revoked online institution on the black list for good', () => {
    const derived = deriveListing(toFacts(filedThenRevoked(institution())));
    expect(derived.history.map((h) => h.toList)).toEqual(['WHITE', 'BLACK']);
    expect(derived.reasonCode).toBe('PENALTY_LICENCE_REVOCATION');
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
