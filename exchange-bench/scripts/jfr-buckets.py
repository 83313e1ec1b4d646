"""Where the CPU of a HubLoad run goes, by stack: share of JFR execution samples per bucket
(hub: PDF verification, WS-Security, endpoints, intake, CXF; load clients; start-up).

    java -XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=run.jfr,settings=profile \
      -cp ... vn.lienthong.bench.hub.HubLoad --warm-up=120s --duration=30s
    python3 exchange-bench/scripts/jfr-buckets.py run.jfr

Needs the JDK's `jfr` tool on PATH. Shares are of all samples outside the main thread's start-up;
with JFR_LAST_SECONDS=30 only of the recording's last 30 s (the measured window after a long warm-up).
"""
import sys, collections, re
import jfr_samples
f=sys.argv[1]
ev=jfr_samples.samples(f, 400)
n=len(ev)
def name(x): m=x['method']; return m['type']['name']+'.'+m['name']
# ECDSA and its arithmetic: SunEC, or BouncyCastle's (the hub's verifiers and seal since the first session)
def ecdsa(s): return 'sun/security/ec' in s or 'BigInteger' in s or 'bouncycastle/math/ec' in s or 'DSABase' in s
rules=[('setup (main)',lambda s,t: t=='main'),
('JIT/other',lambda s,t: False),
('hub evidence: seal and TSA answer (receipts, delivery evidence)', lambda s,t: 'EvidenceSeal' in s),
('intake: PDF verify: CMS/TS crypto', lambda s,t: 'PdfVerification.verify' in s and ecdsa(s)),
('intake: PDF verify: render+diff', lambda s,t: 'PdfVerification.verify' in s and ('VisualDiff' in s)),
('intake: PDF verify: other', lambda s,t: 'PdfVerification.verify' in s),
('intake: envelope read/verify', lambda s,t: 'Intake.read' in s),
('intake: other', lambda s,t: 'Intake.sendDocument' in s),
('hub WS-Sec verify: ECDSA', lambda s,t: 'WsSecurityInterceptor' in s and ecdsa(s)),
('hub WS-Sec: replay cache', lambda s,t: 'WsSecurityInterceptor' in s and 'JdbcReplayCache' in s),
('hub WS-Sec: other', lambda s,t: 'WsSecurityInterceptor' in s),
('hub endpoint: getMessage', lambda s,t: 'ExchangeEndpoint.getMessage' in s),
('hub endpoint: pending', lambda s,t: 'ExchangeEndpoint.getPendingMessages' in s),
('hub endpoint: confirm', lambda s,t: 'ExchangeEndpoint.confirmReceived' in s),
('hub endpoint: caller', lambda s,t: 'ExchangeEndpoint.caller' in s),
('hub endpoint: other', lambda s,t: 'ExchangeEndpoint' in s),
('client: WS-Sec sign', lambda s,t: 'vn/lienthong/client' in s and 'wss4j' in s),
('client: envelope sign/write', lambda s,t: 'DocumentBuilder' in s or 'EdxmlWriter' in s),
('client: other', lambda s,t: t.startswith('load-client') or 'HttpClient' in t),
('TLS crypto', lambda s,t: 'sun/security/ssl' in s),
('hub MTOM/attachments', lambda s,t: 'org/apache/cxf/attachment' in s),
('hub CXF other', lambda s,t: t.startswith('qtp')),
]
c=collections.Counter()
for e in ev:
    t=(e['values'].get('sampledThread') or {}).get('javaName') or '?'
    s=' '.join(name(x) for x in e['values']['stackTrace']['frames'])
    for k,r in rules:
        if r(s,t): c[k]+=1; break
    else: c['other: '+re.sub(r'\d+','#',t)]+=1
m=n-c['setup (main)']
print('samples',n,'non-setup',m)
for k,v in c.most_common(): print(f'{v*100/m:5.1f}% {k}')
