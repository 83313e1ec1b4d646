"""Writes a hybrid-reference file (as Microsoft Word does): a classic xref table for the plain
objects and, through the trailer's /XRefStm, a cross-reference stream for the objects kept in
an object stream."""
import re, sys, zlib
src = open(sys.argv[1], 'rb').read()
xo = int(re.findall(rb'startxref\s+(\d+)', src)[-1])
m = re.match(rb'xref\s+(\d+)\s+(\d+)\s+', src[xo:])
first, count = int(m.group(1)), int(m.group(2))
pos = xo + m.end()
offsets = {}
for i in range(count):
    e = src[pos + 20 * i: pos + 20 * i + 20]
    if e[17:18] == b'n':
        offsets[first + i] = int(e[:10])
trailer = re.search(rb'trailer\s*<<(.*)>>\s*startxref', src[xo:], re.S).group(1)
size = int(re.search(rb'/Size\s+(\d+)', trailer).group(1))
objs = {}
for n, off in offsets.items():
    end = src.index(b'endobj', off) + len(b'endobj')
    head = re.match(rb'\d+\s+\d+\s+obj', src[off:]).end()
    objs[n] = src[off + head: end - len(b'endobj')].strip()
# compress plain dictionaries that are not the catalog, pages or page objects
compressible = [n for n, b in objs.items() if b'stream' not in b and b.startswith(b'<<')
                and b'/Catalog' not in b and b'/Page' not in b]
out = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
newoff = {}
for n in sorted(objs):
    if n in compressible:
        continue
    newoff[n] = len(out)
    out += b'%d 0 obj\n' % n + objs[n] + b'\nendobj\n'
# the object stream
stm_num = size
head = b''
body = b''
for n in compressible:
    head += b'%d %d ' % (n, len(body))
    body += objs[n] + b'\n'
data = zlib.compress(head + body)
newoff[stm_num] = len(out)
out += (b'%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n'
        % (stm_num, len(compressible), len(head), len(data))) + data + b'\nendstream\nendobj\n'
# the cross-reference stream: compressed objects only (type 2)
xs_num = size + 1
rows = b''
index = []
for i, n in enumerate(compressible):
    rows += bytes([2]) + stm_num.to_bytes(4, 'big') + i.to_bytes(2, 'big')
    index.append(b'%d 1' % n)
xs_off = len(out)
newoff[xs_num] = xs_off
rows_z = zlib.compress(rows)
root = re.search(rb'/Root\s+(\d+ \d+ R)', trailer).group(1)
info = re.search(rb'/Info\s+(\d+ \d+ R)', trailer)
ids = re.search(rb'/ID\s*\[[^\]]*\]', trailer).group(0)
out += (b'%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%s] /Root %s /Filter /FlateDecode /Length %d >>\nstream\n'
        % (xs_num, size + 2, b' '.join(index), root, len(rows_z))) + rows_z + b'\nendstream\nendobj\n'
# the main table: every object, the compressed ones free with generation 65535 (hidden from
# PDF 1.4 readers); then an empty update section whose trailer names the stream, as Word writes
main_off = len(out)
out += b'xref\n0 %d\n' % (size + 2)
free = [n for n in range(1, size + 2) if n not in newoff]
def nxt(n):
    later = [k for k in free if k > n]
    return later[0] if later else 0
out += b'%010d 65535 f \n' % nxt(0)
for n in range(1, size + 2):
    if n in newoff:
        out += b'%010d 00000 n \n' % newoff[n]
    else:
        out += b'%010d 65535 f \n' % nxt(n)
out += (b'trailer\n<< /Size %d /Root %s %s %s >>\nstartxref\n%d\n%%%%EOF\n'
        % (size + 2, root, b'/Info ' + info.group(1) if info else b'', ids, main_off))
upd_off = len(out)
out += (b'xref\n0 0\ntrailer\n<< /Size %d /Root %s %s /Prev %d /XRefStm %d %s >>\nstartxref\n%d\n%%%%EOF\n'
        % (size + 2, root, b'/Info ' + info.group(1) if info else b'', main_off, xs_off, ids, upd_off))
open(sys.argv[2], 'wb').write(bytes(out))
print('compressed', compressible)
