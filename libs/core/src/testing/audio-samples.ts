/**
 * Tiny but well-formed audio files built in memory, so tests need no binary fixtures. Each builder
 * documents the duration its headers describe.
 */

const u16le = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const text = (s: string) => Buffer.from(s, 'latin1');

/** PCM WAV with a LIST chunk before `data`: `seconds` of silence. */
export function wavSample(seconds: number, sampleRate = 8000, channels = 1, bitsPerSample = 16): Buffer {
  const blockAlign = (channels * bitsPerSample) / 8;
  const data = Buffer.alloc(Math.round(seconds * sampleRate) * blockAlign);
  const fmt = Buffer.concat([
    u16le(1),
    u16le(channels),
    u32le(sampleRate),
    u32le(sampleRate * blockAlign),
    u16le(blockAlign),
    u16le(bitsPerSample),
  ]);
  const list = text('INFOISFT\x05\x00\x00\x00test\x00\x00');
  const chunks = Buffer.concat([
    text('fmt '),
    u32le(fmt.length),
    fmt,
    text('LIST'),
    u32le(list.length),
    list,
    text('data'),
    u32le(data.length),
    data,
  ]);
  return Buffer.concat([text('RIFF'), u32le(4 + chunks.length), text('WAVE'), chunks]);
}

/** An ID3v2.4 tag of `bodyBytes` (syncsafe size), as taggers put in front of MP3 and AAC files. */
export function id3Tag(bodyBytes = 64): Buffer {
  const size = Buffer.from([(bodyBytes >> 21) & 0x7f, (bodyBytes >> 14) & 0x7f, (bodyBytes >> 7) & 0x7f, bodyBytes & 0x7f]);
  return Buffer.concat([text('ID3'), Buffer.from([4, 0, 0]), size, Buffer.alloc(bodyBytes)]);
}

/** MPEG-1 Layer III frame, 44.1 kHz stereo, at one of the V1 bitrate indexes (9 = 128 kbit/s). */
function mpeg1Frame(bitrateIndex: number, fill = 0): Buffer {
  const bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const frame = Buffer.alloc(Math.floor((144 * bitrates[bitrateIndex] * 1000) / 44100), fill);
  frame.set([0xff, 0xfb, bitrateIndex << 4, 0x00]);
  return frame;
}

/** Constant 128 kbit/s MP3 without a VBR header: `frames` × 1152 samples at 44.1 kHz. */
export function mp3CbrSample(frames: number, withId3 = true): Buffer {
  const body = Buffer.concat(Array.from({ length: frames }, () => mpeg1Frame(9)));
  return withId3 ? Buffer.concat([id3Tag(), body]) : body;
}

/** Variable-bitrate MP3 whose Xing header says `declaredFrames` (the file holds only a few). */
export function mp3XingSample(declaredFrames: number): Buffer {
  const first = mpeg1Frame(9);
  first.write('Xing', 4 + 32, 'latin1');
  first.writeUInt32BE(0x01, 4 + 32 + 4);
  first.writeUInt32BE(declaredFrames, 4 + 32 + 8);
  return Buffer.concat([first, mpeg1Frame(5), mpeg1Frame(11), mpeg1Frame(9)]);
}

/** MPEG-2 Layer III, 22.05 kHz mono at 32 kbit/s: `frames` × 576 samples. */
export function mp3Mpeg2Sample(frames: number): Buffer {
  const length = Math.floor((72 * 32000) / 22050);
  return Buffer.concat(
    Array.from({ length: frames }, () => {
      const frame = Buffer.alloc(length);
      frame.set([0xff, 0xf3, 0x40, 0xc0]);
      return frame;
    }),
  );
}

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([u32be(8 + body.length), text(type), body]);
}

/** An M4A (brand `M4A `) whose `mvhd` (version 0 or 1) gives `duration / timescale` seconds; moov after mdat. */
export function m4aSample(timescale: number, duration: number, version: 0 | 1 = 0, brand = 'M4A '): Buffer {
  const ftyp = box('ftyp', text(brand), u32be(0), text('M4A mp42isom'));
  const times =
    version === 0
      ? Buffer.concat([u32be(0), u32be(0), u32be(timescale), u32be(duration)])
      : (() => {
          const b = Buffer.alloc(28);
          b.writeBigUInt64BE(0n, 0);
          b.writeBigUInt64BE(0n, 8);
          b.writeUInt32BE(timescale, 16);
          b.writeBigUInt64BE(BigInt(duration), 20);
          return b;
        })();
  const mvhd = box('mvhd', Buffer.from([version, 0, 0, 0]), times, Buffer.alloc(80));
  return Buffer.concat([ftyp, box('free'), box('mdat', Buffer.alloc(256, 0x55)), box('moov', mvhd, box('trak'))]);
}

/** AAC-LC in ADTS at 44.1 kHz stereo: `frames` frames of 1024 samples, each 100 bytes long. */
export function adtsSample(frames: number): Buffer {
  const length = 100;
  const header = Buffer.from([
    0xff,
    0xf1,
    (1 << 6) | (4 << 2),
    (2 << 6) | ((length >> 11) & 0x03),
    (length >> 3) & 0xff,
    ((length & 0x07) << 5) | 0x1f,
    0xfc,
  ]);
  return Buffer.concat(Array.from({ length: frames }, () => Buffer.concat([header, Buffer.alloc(length - 7)])));
}

/** AMR-NB (12.2 kbit/s frames) or AMR-WB (23.85 kbit/s frames): `frames` × 20 ms. */
export function amrSample(frames: number, wide = false): Buffer {
  const frame = wide
    ? Buffer.concat([Buffer.from([(8 << 3) | 0x04]), Buffer.alloc(60)])
    : Buffer.concat([Buffer.from([(7 << 3) | 0x04]), Buffer.alloc(31)]);
  return Buffer.concat([text(wide ? '#!AMR-WB\n' : '#!AMR\n'), ...Array.from({ length: frames }, () => frame)]);
}

function oggPage(headerType: number, granule: bigint, sequence: number, packet: Buffer): Buffer {
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header.writeUInt8(0, 4);
  header.writeUInt8(headerType, 5);
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(0x1234, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt8(1, 26);
  return Buffer.concat([header, Buffer.from([packet.length]), packet]);
}

/** Ogg Opus (pre-skip 312) whose last granule position is `seconds` of 48 kHz samples after the pre-skip. */
export function opusSample(seconds: number): Buffer {
  const head = Buffer.concat([text('OpusHead'), Buffer.from([1, 1]), u16le(312), u32le(16000), u16le(0), Buffer.from([0])]);
  return Buffer.concat([
    oggPage(0x02, 0n, 0, head),
    oggPage(0x00, 0n, 1, Buffer.concat([text('OpusTags'), Buffer.alloc(8)])),
    oggPage(0x00, 48000n, 2, Buffer.alloc(40, 0x11)),
    oggPage(0x04, BigInt(Math.round(seconds * 48000) + 312), 3, Buffer.alloc(40, 0x22)),
  ]);
}

/** Ogg Vorbis at `sampleRate` whose last granule position is `seconds` of samples. */
export function vorbisSample(seconds: number, sampleRate = 44100): Buffer {
  const identification = Buffer.concat([
    Buffer.from([1]),
    text('vorbis'),
    u32le(0),
    Buffer.from([1]),
    u32le(sampleRate),
    Buffer.alloc(13),
  ]);
  return Buffer.concat([
    oggPage(0x02, 0n, 0, identification),
    oggPage(0x00, -1n, 1, Buffer.alloc(30)),
    oggPage(0x04, BigInt(Math.round(seconds * sampleRate)), 2, Buffer.alloc(30)),
  ]);
}

/** The first bytes of a PNG image: what an upload named `call.mp3` might really be. */
export function pngSample(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    u32be(13),
    text('IHDR'),
    Buffer.alloc(200),
  ]);
}
