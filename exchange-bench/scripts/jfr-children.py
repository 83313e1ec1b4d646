"""What a method spends its samples on: the callees (DEPTH frames deep) below METHOD in the JFR
execution samples, as shares of all samples.

    python3 exchange-bench/scripts/jfr-children.py run.jfr PdfVerification.verify 3

METHOD is SimpleClassName.method as the stacks show it. Needs the JDK's `jfr` tool on PATH.
JFR_LAST_SECONDS=30 keeps only the recording's last 30 s.
"""
import sys, collections
import jfr_samples
f=sys.argv[1]; target=sys.argv[2]; depth=int(sys.argv[3]) if len(sys.argv)>3 else 1
ev=jfr_samples.samples(f, 300)
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
