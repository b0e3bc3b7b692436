// Where each sample id of a dataset was first seen, for the duplicate-id check while the file streams
// by, without a string and a map entry per id: the ids' characters one after another in a typed array,
// an open-addressing hash table of id numbers, and each id's place as a line number (or, for a place
// that is not a line of the file, a string kept aside). About 22 bytes an id of 8 Latin-1 characters, against
// ~50 for a Map of strings, which at 1,000,000 samples was the largest thing a run held while loading.

export interface IdPlaces {
  /** The place `id` was first seen; undefined when it is new, and then `where` is kept as its place. */
  firstOrAdd(id: string, where: number | string): number | string | undefined;
}

/** A typed array that grows (by half again) as values are appended; `widen` moves it to a wider type. */
function grower<A extends Uint8Array | Uint16Array | Uint32Array>(make: (n: number) => A) {
  let a: Uint8Array | Uint16Array | Uint32Array = make(1024);
  let maker: (n: number) => Uint8Array | Uint16Array | Uint32Array = make;
  return {
    get array(): A { return a as A; },
    ensure(n: number) {
      if (n <= a.length) return;
      const b = maker(Math.max(n, Math.ceil(a.length * 1.5)));
      b.set(a);
      a = b;
    },
    widen(make2: (n: number) => Uint8Array | Uint16Array | Uint32Array) {
      maker = make2;
      const b = make2(a.length);
      b.set(a);
      a = b;
    },
  };
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function idPlaces(): IdPlaces {
  // One byte a character while every id is Latin-1 (nearly always), two from the first id that is not.
  const chars = grower<Uint8Array | Uint16Array>((n) => new Uint8Array(n));
  let wide = false;
  const starts = grower((n) => new Uint32Array(n)); // id k is chars[starts[k] .. starts[k + 1])
  const hashes = grower((n) => new Uint32Array(n));
  const lines = grower((n) => new Uint32Array(n)); // 0: the place is in `named`
  const named = new Map<number, string>();
  let table = new Uint32Array(2048); // id number + 1; 0 is empty
  let count = 0;
  let used = 0; // characters

  const equals = (k: number, id: string) => {
    const from = starts.array[k] as number;
    const to = k + 1 < count ? starts.array[k + 1] as number : used;
    if (to - from !== id.length) return false;
    const c = chars.array;
    for (let i = 0; i < id.length; i++) if (c[from + i] !== id.charCodeAt(i)) return false;
    return true;
  };
  const slotOf = (h: number, t: Uint32Array, match: (k: number) => boolean) => {
    const mask = t.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = t[s] as number;
      if (e === 0 || match(e - 1)) return s;
    }
  };
  const grow = () => {
    const t = new Uint32Array(table.length * 2);
    for (let k = 0; k < count; k++) t[slotOf(hashes.array[k] as number, t, () => false)] = k + 1;
    table = t;
  };

  return {
    firstOrAdd(id, where) {
      const h = hashOf(id);
      const s = slotOf(h, table, (k) => hashes.array[k] === h && equals(k, id));
      const e = table[s] as number;
      if (e !== 0) return lines.array[e - 1] || named.get(e - 1);
      const k = count++;
      for (const g of [starts, hashes, lines]) g.ensure(count);
      chars.ensure(used + id.length);
      starts.array[k] = used;
      for (let i = 0; i < id.length; i++) {
        const code = id.charCodeAt(i);
        if (code > 0xff && !wide) {
          chars.widen((n) => new Uint16Array(n));
          wide = true;
        }
        chars.array[used + i] = code;
      }
      used += id.length;
      hashes.array[k] = h;
      if (typeof where === 'number' && where > 0) lines.array[k] = where;
      else named.set(k, String(where));
      table[s] = k + 1;
      if (count * 2 > table.length) grow();
      return undefined;
    },
  };
}
