import {
  adtsSample,
  amrSample,
  id3Tag,
  m4aSample,
  mp3CbrSample,
  mp3Mpeg2Sample,
  mp3XingSample,
  opusSample,
  pngSample,
  vorbisSample,
  wavSample,
} from '../testing/audio-samples';
import { inspectAudio } from './audio';

describe('inspectAudio', () => {
  it.each([
    ['WAV (fmt, LIST and data chunks)', wavSample(1.5), 'wav', 'audio/wav', 1500],
    ['stereo 16 kHz WAV', wavSample(2, 16000, 2), 'wav', 'audio/wav', 2000],
    ['CBR MP3 behind an ID3 tag, by its frames', mp3CbrSample(100), 'mp3', 'audio/mpeg', 2612],
    ['CBR MP3 without a tag', mp3CbrSample(10, false), 'mp3', 'audio/mpeg', 261],
    ['VBR MP3, by its Xing frame count', mp3XingSample(500), 'mp3', 'audio/mpeg', 13061],
    ['MPEG-2 mono MP3 (576 samples a frame)', mp3Mpeg2Sample(50), 'mp3', 'audio/mpeg', 1306],
    ['M4A, mvhd version 0 after mdat', m4aSample(44100, 154350), 'm4a', 'audio/mp4', 3500],
    ['M4A, mvhd version 1', m4aSample(1000, 61234, 1), 'm4a', 'audio/mp4', 61234],
    ['MP4 brand isom', m4aSample(600, 1200, 0, 'isom'), 'm4a', 'audio/mp4', 2000],
    ['AAC in ADTS', adtsSample(43), 'aac', 'audio/aac', 998],
    ['AAC in ADTS behind an ID3 tag', Buffer.concat([id3Tag(), adtsSample(43)]), 'aac', 'audio/aac', 998],
    ['AMR-NB, frames × 20 ms', amrSample(250), 'amr', 'audio/amr', 5000],
    ['AMR-WB', amrSample(100, true), 'amr-wb', 'audio/amr-wb', 2000],
    ['Ogg Opus, last granule minus pre-skip at 48 kHz', opusSample(2), 'ogg', 'audio/ogg', 2000],
    ['Ogg Vorbis, last granule at its sample rate', vorbisSample(3, 22050), 'ogg', 'audio/ogg', 3000],
  ])('recognises %s', (_name, content, format, mime, durationMs) => {
    expect(inspectAudio(content)).toEqual({ format, mime, durationMs });
  });

  it('recognises by content whatever the bytes are called, and refuses what is not audio', () => {
    expect(inspectAudio(pngSample())).toBeNull();
    expect(inspectAudio(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(inspectAudio(Buffer.from('just some text that someone renamed to call.wav'))).toBeNull();
    expect(inspectAudio(Buffer.alloc(0))).toBeNull();
    expect(inspectAudio(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('AVI ')]))).toBeNull();
    expect(inspectAudio(m4aSample(1000, 1000, 0, 'qt  '))).toBeNull();
  });

  it('does not take a stray frame sync for an MP3 when no second frame follows', () => {
    const stray = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x00]), Buffer.alloc(1000, 0x41)]);
    expect(inspectAudio(stray)).toBeNull();
  });

  it('keeps a recognised recording whose duration headers are damaged, without a duration', () => {
    const wavWithoutFmt = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.alloc(4),
      Buffer.from('WAVEdata'),
      Buffer.alloc(4),
      Buffer.alloc(64),
    ]);
    expect(inspectAudio(wavWithoutFmt)).toEqual({ format: 'wav', mime: 'audio/wav', durationMs: null });
    expect(inspectAudio(m4aSample(1000, 5000).subarray(0, 300))).toEqual({ format: 'm4a', mime: 'audio/mp4', durationMs: null });
    expect(inspectAudio(Buffer.concat([id3Tag(), Buffer.alloc(50)]))).toEqual({
      format: 'mp3',
      mime: 'audio/mpeg',
      durationMs: null,
    });
    expect(inspectAudio(Buffer.from('OggS'))).toEqual({ format: 'ogg', mime: 'audio/ogg', durationMs: null });
  });
});
