/**
 * Recognises call recordings by their content, never by file name or declared type, and reads
 * their duration from the container or frame headers. Pure functions over a buffer.
 */

export type AudioFormat = 'mp3' | 'm4a' | 'aac' | 'wav' | 'amr' | 'amr-wb' | 'ogg';

export interface AudioInfo {
  format: AudioFormat;
  mime: string;
  /** Null when the headers that give the duration are missing or damaged. */
  durationMs: number | null;
}

const MIME: Record<AudioFormat, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  amr: 'audio/amr',
  'amr-wb': 'audio/amr-wb',
  ogg: 'audio/ogg',
};

/** ISO base media brands of audio files as phones and recorders write them. */
const MP4_BRANDS = new Set(['M4A ', 'M4B ', 'mp42', 'mp41', 'isom', 'iso2', '3gp4', '3gp5', '3gp6', 'dash']);

const ascii = (buf: Buffer, at: number, length: number) =>
  at + length <= buf.length ? buf.toString('latin1', at, at + length) : '';

// ---------------------------------------------------------------- MPEG audio (mp3)

const MP3_BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MPEG_SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

interface Mp3Frame {
  length: number;
  samples: number;
  sampleRate: number;
  mpeg1: boolean;
  mono: boolean;
}

/** An MPEG-1/2/2.5 Layer III frame header at `at`, or null. Free-format frames are not supported. */
function mp3FrameAt(buf: Buffer, at: number): Mp3Frame | null {
  if (at + 4 > buf.length || buf[at] !== 0xff || (buf[at + 1] & 0xe0) !== 0xe0) return null;
  const version = (buf[at + 1] >> 3) & 0x03;
  const layer = (buf[at + 1] >> 1) & 0x03;
  const bitrateIndex = buf[at + 2] >> 4;
  const rateIndex = (buf[at + 2] >> 2) & 0x03;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const mpeg1 = version === 3;
  const bitrate = (mpeg1 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[bitrateIndex] * 1000;
  const sampleRate = MPEG_SAMPLE_RATES[version][rateIndex];
  const padding = (buf[at + 2] >> 1) & 0x01;
  const samples = mpeg1 ? 1152 : 576;
  return {
    length: Math.floor((samples / 8) * (bitrate / sampleRate)) + padding,
    samples,
    sampleRate,
    mpeg1,
    mono: buf[at + 3] >> 6 === 3,
  };
}

/** Length of a leading ID3v2 tag (header, body and footer), or 0. */
function id3Length(buf: Buffer): number {
  if (ascii(buf, 0, 3) !== 'ID3' || buf.length < 10) return 0;
  const size = ((buf[6] & 0x7f) << 21) | ((buf[7] & 0x7f) << 14) | ((buf[8] & 0x7f) << 7) | (buf[9] & 0x7f);
  return 10 + size + (buf[5] & 0x10 ? 10 : 0);
}

/** Frame count from a Xing/Info or VBRI header inside the first frame (VBR files and LAME's CBR). */
function vbrFrameCount(buf: Buffer, at: number, frame: Mp3Frame): number | null {
  const sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const xing = at + 4 + sideInfo;
  const tag = ascii(buf, xing, 4);
  if ((tag === 'Xing' || tag === 'Info') && xing + 12 <= buf.length && buf.readUInt32BE(xing + 4) & 0x01) {
    return buf.readUInt32BE(xing + 8);
  }
  if (ascii(buf, at + 36, 4) === 'VBRI' && at + 54 <= buf.length) return buf.readUInt32BE(at + 50);
  return null;
}

function mp3Duration(buf: Buffer, start: number): number | null {
  const first = mp3FrameAt(buf, start);
  if (!first) return null;
  const frames = vbrFrameCount(buf, start, first);
  if (frames !== null) return Math.round((frames * first.samples * 1000) / first.sampleRate);
  // No VBR header: add up the frames themselves, which is exact for CBR and VBR alike.
  let samples = 0;
  let at = start;
  for (let frame: Mp3Frame | null = first; frame && at + frame.length <= buf.length; frame = mp3FrameAt(buf, at)) {
    samples += frame.samples;
    at += frame.length;
  }
  return Math.round((samples * 1000) / first.sampleRate);
}

/** A frame header followed by a second one where the first says it ends (or the end of a short file). */
function looksLikeMp3(buf: Buffer, at: number): boolean {
  const frame = mp3FrameAt(buf, at);
  if (!frame) return false;
  const next = at + frame.length;
  return next >= buf.length - 4 || mp3FrameAt(buf, next) !== null;
}

/** Encoders may pad between the ID3 tag and the first frame; look a little further than the tag's end. */
function firstMp3Frame(buf: Buffer, from: number): number {
  const limit = Math.min(buf.length - 4, from + 64 * 1024);
  for (let at = from; at <= limit; at += 1) if (looksLikeMp3(buf, at)) return at;
  return -1;
}

// ---------------------------------------------------------------- AAC in ADTS

const AAC_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

function adtsFrameAt(buf: Buffer, at: number): { length: number; samples: number; sampleRate: number } | null {
  if (at + 7 > buf.length || buf[at] !== 0xff || (buf[at + 1] & 0xf6) !== 0xf0) return null;
  const sampleRate = AAC_SAMPLE_RATES[(buf[at + 2] >> 2) & 0x0f];
  const length = ((buf[at + 3] & 0x03) << 11) | (buf[at + 4] << 3) | (buf[at + 5] >> 5);
  if (!sampleRate || length < 7) return null;
  return { length, samples: ((buf[at + 6] & 0x03) + 1) * 1024, sampleRate };
}

function adtsDuration(buf: Buffer, start: number): number | null {
  const first = adtsFrameAt(buf, start);
  if (!first) return null;
  let samples = 0;
  let at = start;
  for (let frame = adtsFrameAt(buf, at); frame && at + frame.length <= buf.length; frame = adtsFrameAt(buf, at)) {
    samples += frame.samples;
    at += frame.length;
  }
  return Math.round((samples * 1000) / first.sampleRate);
}

// ---------------------------------------------------------------- MP4 (m4a)

interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < body - at || at + size > to) return;
    yield { type: ascii(buf, at + 4, 4), start: at, body, end: at + size };
    at += size;
  }
}

function m4aDuration(buf: Buffer): number | null {
  for (const moov of boxes(buf, 0, buf.length)) {
    if (moov.type !== 'moov') continue;
    for (const mvhd of boxes(buf, moov.body, moov.end)) {
      if (mvhd.type !== 'mvhd') continue;
      const version = buf[mvhd.body];
      const timescaleAt = mvhd.body + (version === 1 ? 20 : 12);
      const durationEnd = timescaleAt + (version === 1 ? 12 : 8);
      if (durationEnd > mvhd.end) return null;
      const timescale = buf.readUInt32BE(timescaleAt);
      const duration = version === 1 ? Number(buf.readBigUInt64BE(timescaleAt + 4)) : buf.readUInt32BE(timescaleAt + 4);
      return timescale > 0 ? Math.round((duration * 1000) / timescale) : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------- WAV

function wavDuration(buf: Buffer): number | null {
  let byteRate = 0;
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = ascii(buf, at, 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 20 <= buf.length) byteRate = buf.readUInt32LE(at + 16);
    if (id === 'data') {
      if (!byteRate) return null;
      // Recorders that stream write 0 or 0xFFFFFFFF and never come back: the data runs to the end.
      const available = buf.length - (at + 8);
      const bytes = size === 0 || size > available ? available : size;
      return Math.round((bytes * 1000) / byteRate);
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

// ---------------------------------------------------------------- AMR

/** Bytes after the table-of-contents byte, by frame type (AMR-NB / AMR-WB; 15 is NO_DATA). */
const AMR_NB_FRAME_BYTES = [12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0];
const AMR_WB_FRAME_BYTES = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0];
const AMR_NB_MAGIC = '#!AMR\n';
const AMR_WB_MAGIC = '#!AMR-WB\n';

function amrDuration(buf: Buffer, wide: boolean): number {
  const sizes = wide ? AMR_WB_FRAME_BYTES : AMR_NB_FRAME_BYTES;
  let at = (wide ? AMR_WB_MAGIC : AMR_NB_MAGIC).length;
  let frames = 0;
  while (at < buf.length) {
    const next = at + 1 + sizes[(buf[at] >> 3) & 0x0f];
    if (next > buf.length) break;
    frames += 1;
    at = next;
  }
  return frames * 20;
}

// ---------------------------------------------------------------- Ogg

function oggDuration(buf: Buffer): number | null {
  // The first page carries the codec's identification header.
  const segments = buf[26];
  if (segments === undefined) return null;
  const packet = 27 + segments;
  let rate: number;
  let preSkip = 0;
  if (ascii(buf, packet, 8) === 'OpusHead' && packet + 12 <= buf.length) {
    rate = 48000; // Opus granule positions always count 48 kHz samples.
    preSkip = buf.readUInt16LE(packet + 10);
  } else if (buf[packet] === 1 && ascii(buf, packet + 1, 6) === 'vorbis' && packet + 16 <= buf.length) {
    rate = buf.readUInt32LE(packet + 12);
  } else {
    return null;
  }
  for (let at = buf.lastIndexOf('OggS'); at >= 0; at = buf.lastIndexOf('OggS', at - 1)) {
    if (at + 14 > buf.length) continue;
    const granule = buf.readBigInt64LE(at + 6);
    if (granule < 0n) continue; // -1: no packet ends on this page
    return rate > 0 ? Math.max(0, Math.round(((Number(granule) - preSkip) * 1000) / rate)) : null;
  }
  return null;
}

// ---------------------------------------------------------------- entry point

function info(format: AudioFormat, durationMs: number | null): AudioInfo {
  return { format, mime: MIME[format], durationMs };
}

/** The recording's format and duration, or null when the content is none of the accepted audio types. */
export function inspectAudio(buf: Buffer): AudioInfo | null {
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WAVE') return info('wav', wavDuration(buf));
  if (ascii(buf, 0, AMR_WB_MAGIC.length) === AMR_WB_MAGIC) return info('amr-wb', amrDuration(buf, true));
  if (ascii(buf, 0, AMR_NB_MAGIC.length) === AMR_NB_MAGIC) return info('amr', amrDuration(buf, false));
  if (ascii(buf, 0, 4) === 'OggS') return info('ogg', oggDuration(buf));
  if (ascii(buf, 4, 4) === 'ftyp' && MP4_BRANDS.has(ascii(buf, 8, 4))) return info('m4a', m4aDuration(buf));
  // MP3 and raw AAC may both start with an ID3 tag; the frame after it tells them apart.
  const tagged = id3Length(buf);
  if (tagged > 0) {
    if (adtsFrameAt(buf, tagged)) return info('aac', adtsDuration(buf, tagged));
    const first = firstMp3Frame(buf, tagged);
    return info('mp3', first < 0 ? null : mp3Duration(buf, first));
  }
  if (looksLikeMp3(buf, 0)) return info('mp3', mp3Duration(buf, 0));
  if (adtsFrameAt(buf, 0)) return info('aac', adtsDuration(buf, 0));
  return null;
}
