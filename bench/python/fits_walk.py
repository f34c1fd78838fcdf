"""The HDU walk both Python peers share, without I/O: it says which bytes it needs next, is fed
them, parses each header with astropy's Header.fromstring and jumps over the data units.

A file is read in windows of WINDOW bytes (12 FITS blocks: tess-cloud's speculative first read); a
header that goes past the window is completed with the next window, and a header that starts
outside the bytes read so far starts a new window at its offset.

    walk = HduWalk()
    while (wanted := walk.next_read()) is not None:
        walk.feed(read(*wanted), size)      # read(offset, length) -> bytes; size: the object's, once known
    walk.hdus
"""
from astropy.io import fits

BLOCK = 2880
WINDOW = 12 * BLOCK  # 34,560 bytes


def data_size(header):
    """The padded data size: |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn), NAXIS1 left out for random groups."""
    naxis = header.get("NAXIS", 0)
    if naxis == 0:
        return 0
    first = 2 if header.get("GROUPS", False) and header.get("NAXIS1", -1) == 0 else 1
    count = 1
    for i in range(first, naxis + 1):
        count *= header[f"NAXIS{i}"]
    size = abs(header["BITPIX"]) // 8 * header.get("GCOUNT", 1) * (header.get("PCOUNT", 0) + count)
    return (size + BLOCK - 1) // BLOCK * BLOCK


class HduWalk:
    def __init__(self):
        self.hdus = 0
        self.size = None
        self._offset = 0          # where the next header starts
        self._start = 0           # the window's offset in the file
        self._window = b""
        self._searched = 0        # bytes of the window from _offset on already searched for END
        self._done = False

    def next_read(self):
        """(offset, length) to read next, or None when the walk is over."""
        while not self._done:
            if self.size is not None and self._offset >= self.size:
                self._done = True
                break
            local = self._offset - self._start
            if not 0 <= local < len(self._window):
                return self._offset, WINDOW
            end = self._end_of_header(local)
            if end is None:
                return self._start + len(self._window), WINDOW
            header = fits.Header.fromstring(self._window[local:end].decode("ascii"))
            self.hdus += 1
            self._offset = self._start + end + data_size(header)
            self._searched = 0
        return None

    def feed(self, data, size):
        """The bytes of the last read (empty past the end) and the object's size, if the answer gave it."""
        if size is not None:
            self.size = size
        if not data:
            if self._start <= self._offset < self._start + len(self._window):
                raise ValueError(f"the file ends inside the header at {self._offset}")
            self._done = True
        elif self._start <= self._offset < self._start + len(self._window):
            self._window += data              # the header goes on
        else:
            self._start, self._window, self._searched = self._offset, data, 0

    def _end_of_header(self, local):
        """The window offset just past the block that holds END, or None; never searches a card twice."""
        at = local + self._searched
        while at + 80 <= len(self._window):
            if self._window[at:at + 8] == b"END     ":
                return at // BLOCK * BLOCK + BLOCK
            at += 80
        self._searched = at - local
        return None
