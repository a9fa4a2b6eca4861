import { mailErrorKey } from './mail-errors';

describe('mailErrorKey (issue 16 item 24: an SMTP error reached the screen in English)', () => {
  it('names what went wrong', () => {
    expect(mailErrorKey('connect ECONNREFUSED 127.0.0.1:2525')).toBe('outbox.error.connection');
    expect(mailErrorKey('Invalid login: 535 5.7.8 Authentication credentials invalid')).toBe('outbox.error.auth');
    expect(mailErrorKey('Greeting never received')).toBe('outbox.error.timeout');
    expect(mailErrorKey('getaddrinfo ENOTFOUND smtp.tampacan.gob.mx')).toBe('outbox.error.dns');
    expect(mailErrorKey("Can't send mail - all recipients were rejected: 550 5.1.1 User unknown")).toBe('outbox.error.rejected');
    expect(mailErrorKey('something odd')).toBe('outbox.error.other');
    expect(mailErrorKey(null)).toBeNull();
  });
});
