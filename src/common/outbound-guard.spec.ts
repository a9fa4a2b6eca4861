import { checkOutboundUrl, httpUrlOrNull, isPublicAddress, outboundPolicy } from './outbound-guard';

// The guard's decision on addresses that must never be reached. Pure: nothing here connects.
describe('outbound-request guard', () => {
  const policy = outboundPolicy();

  it.each([
    'http://127.0.0.1/',
    'http://127.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://017700000001/',
    'http://0x7f.0.0.1/',
    'http://localhost/',
    'http://feeds.localhost/',
    'http://intranet/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[0:0:0:0:0:ffff:a00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[ff02::1]/',
    'http://[::]/',
    'http://0.0.0.0/',
    'http://0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/',
    'http://172.16.3.4/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://100.127.255.254/',
    'http://224.0.0.1/',
    'http://239.255.255.250/',
    'http://255.255.255.255/',
    'http://192.0.2.10/',
    'https://198.18.0.1/',
  ])('refuses %s', (url) => {
    expect(checkOutboundUrl(url, policy)).toEqual({ ok: false, reason: 'address' });
  });

  it.each(['http://93.184.216.34/', 'https://8.8.8.8/', 'https://elsol.example.mx/rss', 'http://[2606:4700::1111]/', 'https://graph.facebook.com/v19.0/1/feed'])('lets %s through', (url) => {
    expect(checkOutboundUrl(url, policy)).toMatchObject({ ok: true, allowListed: false });
  });

  it('allows only ports 80 and 443 unless an administrator adds one', () => {
    expect(checkOutboundUrl('http://elsol.example.mx:5432/', policy)).toEqual({ ok: false, reason: 'port' });
    expect(checkOutboundUrl('https://elsol.example.mx:22/', policy)).toEqual({ ok: false, reason: 'port' });
    expect(checkOutboundUrl('http://elsol.example.mx:80/', policy).ok).toBe(true);
    expect(checkOutboundUrl('https://elsol.example.mx:8443/', outboundPolicy(undefined, '8443')).ok).toBe(true);
    // An allowed port does not open private addresses.
    expect(checkOutboundUrl('http://127.0.0.1:8443/', outboundPolicy(undefined, '8443'))).toEqual({ ok: false, reason: 'address' });
  });

  it('refuses other schemes and credentials in the URL', () => {
    for (const url of ['ftp://elsol.example.mx/', 'file:///etc/passwd', 'gopher://elsol.example.mx/', 'javascript:alert(1)', 'no es url']) {
      expect(checkOutboundUrl(url, policy)).toEqual({ ok: false, reason: 'scheme' });
    }
    expect(checkOutboundUrl('http://user:pass@elsol.example.mx/', policy)).toEqual({ ok: false, reason: 'credentials' });
  });

  it('lets an administrator allow a host, on one port or on the allowed ones', () => {
    const p = outboundPolicy('127.0.0.1:4567, intranet.tampacan.gob.mx, [::1]:8080');
    expect(checkOutboundUrl('http://127.0.0.1:4567/feed.xml', p)).toMatchObject({ ok: true, allowListed: true });
    expect(checkOutboundUrl('http://127.0.0.1:4568/feed.xml', p)).toEqual({ ok: false, reason: 'port' });
    expect(checkOutboundUrl('http://127.0.0.1/feed.xml', p)).toEqual({ ok: false, reason: 'address' });
    expect(checkOutboundUrl('http://localhost:4567/feed.xml', p)).toEqual({ ok: false, reason: 'port' });
    expect(checkOutboundUrl('https://intranet.tampacan.gob.mx/rss', p)).toMatchObject({ ok: true, allowListed: true });
    expect(checkOutboundUrl('http://[::1]:8080/', p)).toMatchObject({ ok: true, allowListed: true });
  });

  it('judges resolved addresses the same way (what the connection lookup checks)', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '100.64.0.1', '::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '0.0.0.0', '::', 'basura']) expect(isPublicAddress(a)).toBe(false);
    for (const a of ['93.184.216.34', '2606:4700::1111', '::ffff:93.184.216.34']) expect(isPublicAddress(a)).toBe(true);
  });

  it('keeps only http(s) links from outside', () => {
    expect(httpUrlOrNull('javascript:alert(document.cookie)')).toBeNull();
    expect(httpUrlOrNull(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(httpUrlOrNull('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(httpUrlOrNull('vbscript:msgbox')).toBeNull();
    expect(httpUrlOrNull('https://elsol.example.mx/nota/1')).toBe('https://elsol.example.mx/nota/1');
  });
});
