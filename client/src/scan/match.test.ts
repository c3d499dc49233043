/** A scanned code finds its item however Zoho spelled it: UPC-A as 12 digits or as an EAN-13 with a leading 0, or a SKU. */
import { SearchIndex } from '../store/search-index';
import { codeSpellings } from './match';

describe('codeSpellings', () => {
  it('gives a UPC-A both spellings, anything else as read', () => {
    expect(codeSpellings('012345678905')).toEqual(['012345678905', '0012345678905']);
    expect(codeSpellings('0012345678905')).toEqual(['0012345678905', '012345678905']);
    expect(codeSpellings(' 4006381333931 ')).toEqual(['4006381333931']);
    expect(codeSpellings('SKU-42')).toEqual(['SKU-42']);
    expect(codeSpellings('  ')).toEqual([]);
  });
});

describe('SearchIndex.findCode', () => {
  it('finds exact barcodes and SKUs, never a part of one', () => {
    const index = new SearchIndex('test', 4);
    index.put('a', 'Oak shelf', 'SKU-42', '', ['0012345678905']);
    index.put('b', 'Pine shelf', 'SKU-420', '', ['4006381333931']);
    expect(index.findCode(codeSpellings('012345678905'))).toEqual(['a']);
    expect(index.findCode(['sku-42'])).toEqual(['a']);
    expect(index.findCode(['400638133393'])).toEqual([]);
    expect(index.findCode(['9999999999999'])).toEqual([]);
  });
});
