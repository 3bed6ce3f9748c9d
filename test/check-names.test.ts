import { describe, expect, it } from 'vitest';
import { compatibilityTrack, findCompatible, isCompatibleName, parseName } from '../src/check/names.js';

describe('parseName', () => {
  it('splits interface names', () => {
    expect(parseName('wasi:io/streams@0.2.3')).toEqual({
      kind: 'interface',
      name: 'wasi:io/streams@0.2.3',
      namespaces: ['wasi'],
      package: 'io',
      projections: ['streams'],
      interface: 'streams',
      base: 'wasi:io/streams',
      version: '0.2.3',
    });
    expect(parseName('demo:app/greeter')).toMatchObject({ kind: 'interface', base: 'demo:app/greeter', version: undefined });
    expect(parseName('a:b:c/d/e@1.0.0-rc.1+build.5')).toMatchObject({
      namespaces: ['a', 'b'],
      package: 'c',
      projections: ['d', 'e'],
      interface: 'e',
      version: '1.0.0-rc.1+build.5',
    });
  });

  it('reads plain names and their annotations', () => {
    expect(parseName('run')).toEqual({ kind: 'plain', name: 'run', annotation: 'none', resource: undefined, label: 'run' });
    expect(parseName('[constructor]blob')).toMatchObject({ annotation: 'constructor', resource: 'blob', label: 'blob' });
    expect(parseName('[method]input-stream.read')).toMatchObject({ annotation: 'method', resource: 'input-stream', label: 'read' });
    expect(parseName('[static]blob.merge')).toMatchObject({ annotation: 'static', resource: 'blob', label: 'merge' });
    expect(parseName('[async]fetch')).toMatchObject({ annotation: 'async', resource: undefined, label: 'fetch' });
    expect(parseName('[async method]r.go')).toMatchObject({ annotation: 'async method', resource: 'r', label: 'go' });
  });
});

describe('versions', () => {
  it('puts versions on compatibility tracks', () => {
    expect(compatibilityTrack('0.2.12')).toBe('0.2');
    expect(compatibilityTrack('1.9.0')).toBe('1');
    expect(compatibilityTrack('0.0.3')).toBe('0.0.3');
    expect(compatibilityTrack('0.2.0-rc.1')).toBe('0.2.0-rc.1');
    expect(compatibilityTrack('0.2')).toBe('0.2'); // a canonical version, as the Explainer allows in names
    expect(compatibilityTrack('not-a-version')).toBeUndefined();
  });

  it('0.x.y is compatible within its minor, 1+.x.y within its major, pre-releases only exactly', () => {
    expect(isCompatibleName('wasi:io/streams@0.2.0', 'wasi:io/streams@0.2.12')).toBe(true);
    expect(isCompatibleName('wasi:io/streams@0.2.12', 'wasi:io/streams@0.2.0')).toBe(true);
    expect(isCompatibleName('wasi:io/streams@0.2.0', 'wasi:io/streams@0.3.0')).toBe(false);
    expect(isCompatibleName('a:b/c@1.0.0', 'a:b/c@1.7.2')).toBe(true);
    expect(isCompatibleName('a:b/c@1.0.0', 'a:b/c@2.0.0')).toBe(false);
    expect(isCompatibleName('a:b/c@0.0.1', 'a:b/c@0.0.2')).toBe(false);
    expect(isCompatibleName('a:b/c@0.2.0-rc.1', 'a:b/c@0.2.0')).toBe(false);
    expect(isCompatibleName('a:b/c@0.2.0', 'a:b/c@0.2.1-rc.1')).toBe(false);
    expect(isCompatibleName('a:b/c@0.2.0-rc.1', 'a:b/c@0.2.0-rc.1')).toBe(true);
    expect(isCompatibleName('a:b/c@0.2', 'a:b/c@0.2.5')).toBe(true);
    expect(isCompatibleName('a:b/c@0.2.0', 'a:b/d@0.2.0')).toBe(false);
    expect(isCompatibleName('a:b/c', 'a:b/c@0.2.0')).toBe(false);
  });
});

describe('findCompatible', () => {
  const available = ['wasi:io/streams@0.2.3', 'wasi:io/streams@0.2.12', 'wasi:io/streams@0.2.9', 'wasi:io/streams@0.3.0', 'run'];

  it('prefers the exact name', () => {
    expect(findCompatible('wasi:io/streams@0.2.3', available)).toBe('wasi:io/streams@0.2.3');
  });

  it('else takes the highest compatible version', () => {
    expect(findCompatible('wasi:io/streams@0.2.0', available)).toBe('wasi:io/streams@0.2.12');
    expect(findCompatible('wasi:io/streams@0.2.20', available)).toBe('wasi:io/streams@0.2.12');
    expect(findCompatible('wasi:io/streams@0.3.1', available)).toBe('wasi:io/streams@0.3.0');
  });

  it('finds nothing across incompatible versions or for other names', () => {
    expect(findCompatible('wasi:io/streams@0.4.0', available)).toBeUndefined();
    expect(findCompatible('wasi:io/streams@0.2.0-rc.1', available)).toBeUndefined();
    expect(findCompatible('wasi:io/poll@0.2.0', available)).toBeUndefined();
    expect(findCompatible('run', available)).toBe('run');
    expect(findCompatible('walk', available)).toBeUndefined();
  });

  it('takes any iterable', () => {
    expect(findCompatible('a:b/c@1.0.0', new Map([['a:b/c@1.2.0', 1]]).keys())).toBe('a:b/c@1.2.0');
  });
});
