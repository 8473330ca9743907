import ExcelJS from 'exceljs';
import { COLUMNS, SHEETS, type SheetRecords, type SheetRow, type Sheets } from './sheets';

const text = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return text(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
  }
  return String(value);
};

/** A workbook with one sheet per part, named like the CSV files; lines are the sheet's row numbers. */
export async function readWorkbook(file: string): Promise<Sheets> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = {} as Sheets;
  for (const name of SHEETS) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`${file} has no sheet named ${name}`);
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => text(v).trim());
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      if (line === 1) return;
      const values = row.values as ExcelJS.CellValue[];
      const record: Record<string, string> = {};
      header.forEach((column, i) => {
        if (column) record[column] = text(values[i]).trim();
      });
      if (Object.values(record).some((v) => v !== '')) rows.push({ line, record });
    });
    sheets[name] = rows;
  }
  return sheets;
}

export async function writeWorkbook(file: string, data: SheetRecords): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  for (const name of SHEETS) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(COLUMNS[name]).commit();
    for (const record of data[name]) sheet.addRow(COLUMNS[name].map((c) => String(record[c] ?? ''))).commit();
    sheet.commit();
  }
  await workbook.commit();
}
