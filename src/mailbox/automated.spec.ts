import { classifyAutomated } from './automated';

const base = { from: 'Vecina <vecina@example.com>', subject: 'Bache en la calle Hidalgo' };

describe('classifyAutomated', () => {
  it('lets a person through', () => {
    expect(classifyAutomated({ ...base, headers: {} })).toBeNull();
    expect(classifyAutomated({ ...base, headers: { 'auto-submitted': 'no' } })).toBeNull();
    expect(classifyAutomated({ ...base, subject: 'Re: Respuesta a su solicitud AC-2026-000001', headers: {} })).toBeNull();
  });
  it('recognises auto-replies (RFC 3834 and the common vendor headers)', () => {
    expect(classifyAutomated({ ...base, headers: { 'auto-submitted': 'auto-replied' } })).toBe('auto_reply');
    expect(classifyAutomated({ ...base, headers: { 'auto-submitted': 'Auto-Generated' } })).toBe('auto_reply');
    expect(classifyAutomated({ ...base, headers: { 'x-autoreply': 'yes' } })).toBe('auto_reply');
    expect(classifyAutomated({ ...base, headers: { precedence: 'auto_reply' } })).toBe('auto_reply');
    expect(classifyAutomated({ ...base, headers: { 'x-auto-response-suppress': 'All' } })).toBe('auto_reply');
    expect(classifyAutomated({ ...base, subject: 'Respuesta automática: Acuse de recibo', headers: {} })).toBe('auto_reply');
    expect(classifyAutomated({ ...base, subject: 'Out of Office: vacaciones', headers: {} })).toBe('auto_reply');
  });
  it('recognises bulk and list mail', () => {
    expect(classifyAutomated({ ...base, headers: { precedence: 'bulk' } })).toBe('bulk');
    expect(classifyAutomated({ ...base, headers: { 'list-id': '<boletin.example.com>' } })).toBe('bulk');
  });
  it('recognises bounces and delivery status notifications', () => {
    expect(classifyAutomated({ ...base, headers: {}, contentType: 'multipart/report; report-type=delivery-status; boundary="x"' })).toBe('bounce');
    expect(classifyAutomated({ ...base, from: 'MAILER-DAEMON@mx.example.com', headers: {} })).toBe('bounce');
    expect(classifyAutomated({ ...base, from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', headers: {} })).toBe('bounce');
    expect(classifyAutomated({ ...base, headers: { 'return-path': '<>' } })).toBe('bounce');
    expect(classifyAutomated({ ...base, headers: { 'x-failed-recipients': 'nadie@example.com' } })).toBe('bounce');
  });
});
