import { parseCsv, toCsv } from '../src/csv';

describe('parseCsv', () => {
  it('reads records by header with the line each starts on, as an editor numbers them', () => {
    const text =
      '\uFEFFname, notes\r\n' +
      ' 甲 ,"one line"\r\n' +
      '\r\n' +
      '乙,"two\nlines, with a ""quote"""\r\n' +
      '丙,\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 2, record: { name: '甲', notes: 'one line' } },
      { line: 4, record: { name: '乙', notes: 'two\nlines, with a "quote"' } },
      { line: 6, record: { name: '丙', notes: '' } },
    ]);
  });

  it('reads back what toCsv writes', () => {
    const records = [
      { a: 'x,y', b: 'say "hi"\nbye' },
      { a: '', b: '3' },
    ];
    expect(parseCsv(toCsv(['a', 'b'], records)).map((r) => r.record)).toEqual(records);
  });

  it('refuses a row with more or fewer cells than the header, naming its line', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(
      'CSV not readable on line 3: 1 cells where the header has 2',
    );
  });

  it('refuses a quote that is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/CSV not readable/);
  });
});
