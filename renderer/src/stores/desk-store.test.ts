import { describe, expect, it } from 'vitest';
import { pickStaff } from './desk-store';

describe('who is at the desk', () => {
  it('keeps the name remembered at this workstation while it is still a staff name', () => {
    expect(pickStaff(['Ann', 'Bo'], 'Bo')).toBe('Bo');
  });

  it('falls back to the first staff name, or none', () => {
    expect(pickStaff(['Ann', 'Bo'], 'Cy')).toBe('Ann');
    expect(pickStaff(['Ann'], null)).toBe('Ann');
    expect(pickStaff([], null)).toBeNull();
  });
});
