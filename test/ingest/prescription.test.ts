import { describe, expect, it } from 'vitest';
import { prescriptionOf as sut } from '../../ingest/prescription.js';

describe('prescriptionOf', () => {
  it.each([
    [
      'Operators should set clear criteria for granting unescorted access.',
      'set clear criteria for granting unescorted access.',
    ],
    [
      'It is a good practice for site security teams to record the issue and return of security equipment.',
      'record the issue and return of security equipment.',
    ],
    ['It is good practice to share lessons learned.', 'share lessons learned.'],
    [
      'It is recommended that licensees keep a single named owner for each security procedure.',
      'keep a single named owner for each security procedure.',
    ],
    [
      'Belgium stressed that regulators ought to plan the security of shipments together with the carrier.',
      'plan the security of shipments together with the carrier.',
    ],
    [
      'According to WINS, plant managers should review the physical protection system.',
      'review the physical protection system.',
    ],
    [
      'The security culture focus group recommended that operators should keep security procedures short.',
      'keep security procedures short.',
    ],
    [
      'Regulators are strongly encouraged to ask licensees to publish an annual summary for staff.',
      'publish an annual summary for staff.',
    ],
    [
      'Italy requires that the audit trail of administrators is write-protected.',
      'the audit trail of administrators is write-protected.',
    ],
  ])('when a quote has a normative framing, then it is stripped: %s', (quote, expected) => {
    expect(sut(quote)).toBe(expected);
  });

  it.each([
    'Access rights should be revoked immediately when an employee leaves.',
    'Staff returning from long leave should receive a fresh background re-check before their badge is reactivated.',
    'Operators should comply.',
  ])('when there is no framing, or too little would remain, then the quote is kept: %s', (quote) => {
    expect(sut(quote)).toBe(quote);
  });
});
