import { classifyGraphError, describeGraphError, retryable } from './graph-errors';

describe('Graph API errors', () => {
  it('gives up on an expired token', () => {
    const kind = classifyGraphError(400, { code: 190, error_subcode: 463, type: 'OAuthException', message: 'Error validating access token: Session has expired' });
    expect(kind).toBe('auth');
    expect(retryable(kind)).toBe(false);
    expect(describeGraphError(400, { code: 190, error_subcode: 463, message: 'Session has expired' })).toContain('venció');
  });
  it('retries rate limits and server trouble', () => {
    for (const code of [4, 17, 32, 613]) expect(retryable(classifyGraphError(400, { code }))).toBe(true);
    expect(retryable(classifyGraphError(503, undefined))).toBe(true);
    expect(retryable(classifyGraphError(0, undefined))).toBe(true);
  });
  it('reports a refused post without retrying', () => {
    expect(classifyGraphError(400, { code: 100, message: 'Invalid parameter' })).toBe('rejected');
    expect(retryable(classifyGraphError(403, { code: 200 }))).toBe(false);
  });
});
