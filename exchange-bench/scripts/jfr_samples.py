"""The JFR execution samples of a recording, for jfr-buckets.py and jfr-children.py.

With JFR_LAST_SECONDS=N only the recording's last N seconds (the measured window after a long
warm-up). Needs the JDK's `jfr` tool on PATH.
"""
import json, os, subprocess


def _seconds(event):  # startTime as seconds of the day (runs do not cross midnight)
    h, m, s = event['values']['startTime'].split('T')[1].rstrip('Z').split('+')[0].split(':')
    return int(h) * 3600 + int(m) * 60 + float(s)


def samples(recording, depth):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', str(depth), '--events', 'jdk.ExecutionSample',
                          recording], capture_output=True, text=True).stdout
    events = json.loads(out)['recording']['events']
    last = os.environ.get('JFR_LAST_SECONDS')
    if last and events:
        end = max(_seconds(e) for e in events)
        events = [e for e in events if _seconds(e) >= end - float(last)]
    return events
