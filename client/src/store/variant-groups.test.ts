/** Item groups on the device: variants join and leave their group as the sync writes them; a pick finds the variant. */
import { optionValues, pickVariant, VariantGroups } from './variant-groups';

const v = (groupId: string, size: string, colour: string) => ({
  groupId,
  groupName: 'Planter',
  options: [
    { name: 'Size', value: size },
    { name: 'Colour', value: colour },
  ],
});

describe('VariantGroups', () => {
  it('groups variants, follows an item that changes group or stops being a variant', () => {
    const groups = new VariantGroups();
    groups.put('a', v('g1', 'S', 'Black'));
    groups.put('b', v('g1', 'M', 'Black'));
    groups.put('c', v('g1', 'M', 'White'));
    expect(groups.get('g1')!.variants.map((x) => x.itemId)).toEqual(['a', 'b', 'c']);
    expect(groups.get('g1')!.attributes).toEqual(['Size', 'Colour']);
    groups.put('c', v('g2', 'M', 'White'));
    expect(groups.get('g1')!.variants.map((x) => x.itemId)).toEqual(['a', 'b']);
    expect(groups.groupIdOf('c')).toBe('g2');
    groups.put('b', undefined);
    groups.remove('a');
    expect(groups.get('g1')).toBeUndefined();
  });

  it('picks the variant with the chosen options, else one with the option just changed', () => {
    const groups = new VariantGroups();
    groups.put('s-black', v('g', 'S', 'Black'));
    groups.put('m-black', v('g', 'M', 'Black'));
    groups.put('m-white', v('g', 'M', 'White'));
    const group = groups.get('g')!;
    expect(optionValues(group, 'Size')).toEqual(['S', 'M']);
    expect(optionValues(group, 'Colour')).toEqual(['Black', 'White']);
    expect(pickVariant(group, { Size: 'M', Colour: 'White' })!.itemId).toBe('m-white');
    // S comes only in black: choosing White from S lands on the white one there is.
    expect(pickVariant(group, { Size: 'S', Colour: 'White' }, 'Colour')!.itemId).toBe('m-white');
  });
});
