import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../shared/api/clients';
import {
  buildInput,
  emptyValues,
  formFieldKey,
  messageForField,
  newPetRow,
  newPhoneRow,
  validate,
  valuesFromClient,
  type ClientFormValues,
} from './form-model';

function values(patch: Partial<ClientFormValues>): ClientFormValues {
  return { ...emptyValues(), ...patch };
}

describe('client form model', () => {
  it('drops blank rows and marks the first number for texts when none is', () => {
    const blankPet = newPetRow();
    const pet = { ...newPetRow(), name: ' Biscuit ', species: 'Dog' };
    const blankPhone = { ...newPhoneRow(true), number: '  ' };
    const phone = { ...newPhoneRow(false), number: '555 010 1234' };
    const built = buildInput(
      values({ firstName: ' Ada ', pets: [blankPet, pet], phones: [blankPhone, phone] }),
    );
    expect(built.input).toEqual({
      firstName: 'Ada',
      lastName: '',
      email: '',
      notes: '',
      pets: [{ name: 'Biscuit', species: 'Dog', breed: '' }],
      phones: [{ label: 'mobile', number: '555 010 1234', isTexting: true }],
    });
    expect(built.petKeys).toEqual([pet.key]);
    expect(built.phoneKeys).toEqual([phone.key]);
  });

  it('keeps exactly one texting number', () => {
    const phones = [
      { ...newPhoneRow(false), number: '1' },
      { ...newPhoneRow(true), number: '2' },
      { ...newPhoneRow(false), number: '3' },
    ];
    const built = buildInput(values({ firstName: 'A', phones }));
    expect(built.input.phones?.map((phone) => phone.isTexting)).toEqual([false, true, false]);
  });

  it('maps an error path back to the row that was typed in, after blank rows were dropped', () => {
    const blank = newPhoneRow(false);
    const typed = { ...newPhoneRow(true), number: '12' };
    const built = buildInput(values({ firstName: 'A', phones: [blank, typed] }));
    expect(formFieldKey('phones.0.number', built)).toBe(`phones.${typed.key}.number`);
    expect(formFieldKey('firstName', built)).toBe('firstName');
    expect(formFieldKey('phones.3.number', built)).toBeNull();
    expect(formFieldKey('pets', built)).toBeNull();
  });

  it('reports every problem at once, each beside its field', () => {
    const pet = { ...newPetRow(), species: 'Cat' };
    const result = validate(values({ firstName: '  ', pets: [pet] }));
    expect(result.errors).toEqual({
      firstName: 'First name cannot be blank',
      [`pets.${pet.key}.name`]: 'Pet name cannot be blank',
    });
    expect(result.formErrors).toEqual([]);
  });

  it('passes a complete client', () => {
    const result = validate(
      values({ firstName: 'Ada', pets: [{ ...newPetRow(), name: 'Biscuit' }], phones: [newPhoneRow(true)] }),
    );
    expect(result.errors).toEqual({});
  });

  it('edits an existing client with its row ids and the number as a person reads it', () => {
    const client: Client = {
      id: 4,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: '',
      notes: '',
      pets: [{ id: 9, name: 'Biscuit', species: 'Dog', breed: '' }],
      phones: [
        {
          id: 3,
          label: 'home',
          e164: '+15550101234',
          display: '(555) 010-1234',
          isTexting: true,
          consent: 'unknown',
          sharedWith: [],
        },
      ],
      createdAt: 0,
      updatedAt: 0,
    };
    const input = buildInput(valuesFromClient(client)).input;
    expect(input.pets).toEqual([{ id: 9, name: 'Biscuit', species: 'Dog', breed: '' }]);
    expect(input.phones).toEqual([{ id: 3, label: 'home', number: '(555) 010-1234', isTexting: true }]);
  });

  it('drops the path prefix the desk puts on schema messages', () => {
    expect(messageForField('phones.0.number: Not a phone number', 'phones.0.number')).toBe(
      'Not a phone number',
    );
    expect(messageForField('Not a phone number', 'phones.0.number')).toBe('Not a phone number');
  });
});
