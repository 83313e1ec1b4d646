"""What a method spends its samples on: the callees (DEPTH frames deep) below METHOD in the JFR
execution samples, as shares of all samples.

    python3 exchange-bench/scripts/jfr-children.py run.jfr PdfVerification.verify 3

METHOD is SimpleClassName.method as the stacks show it. Needs the JDK's `jfr` tool on PATH.
JFR_LAST_SECONDS=30 keeps only the recording's last 30 s.
"""
import json, sys, collections, subprocess
f=sys.argv[1]; target=sys.argv[2]; depth=int(sys.argv[3]) if len(sys.argv)>3 else 1
d=json.loads(subprocess.run(['jfr','print','--json','--stack-depth','300','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout)
ev=d['recording']['events']
def seconds(e):  # startTime as seconds of the day (runs do not cross midnight)
    h,m,sec=e['values']['startTime'].split('T')[1].rstrip('Z').split('+')[0].split(':'); return int(h)*3600+int(m)*60+float(sec)
import os
if os.environ.get('JFR_LAST_SECONDS'):  # only the measured window: the last N seconds of samples
    end=max(seconds(e) for e in ev); ev=[e for e in ev if seconds(e)>=end-float(os.environ['JFR_LAST_SECONDS'])]
n=len(ev)
def name(x): m=x['method']; return m['type']['name'].split('/')[-1]+'.'+m['name']
kids=collections.Counter(); tot=0
for e in ev:
    fr=[name(x) for x in e['values']['stackTrace']['frames']][::-1]  # root first
    for i,x in enumerate(fr):
        if x==target:
            tot+=1
            kids[' > '.join(fr[i+1:i+1+depth]) or '(self)']+=1
            break
print(target,'total',f'{tot*100/n:.1f}%')
for k,c in kids.most_common(25): print(f'{c*100/n:5.1f}% {k}')
