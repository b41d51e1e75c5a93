import { describe, expect, it } from 'vitest';
import { parseInjury } from './injury.ts';
import { parsePatient } from './patient.ts';

describe('parsePatient', () => {
  it('reads age, sex and occupation', () => {
    expect(parsePatient('This 51-year-old male detailer injured his low back on 5/27/11.')).toEqual({
      age: 51,
      sex: 'male',
      occupation: 'detailer',
      ageRedacted: false,
    });
    expect(parsePatient('This 54 year old man sustained an industrial injury.')).toMatchObject({
      age: 54,
      sex: 'male',
      occupation: null,
    });
    expect(parsePatient('a 47 year old woman employed as a warehouse clerk who fell')).toMatchObject({
      sex: 'female',
      occupation: 'warehouse clerk',
    });
  });

  it('notices a redacted age', () => {
    expect(parsePatient('The patient is a year old female injured on 11/13/03.')).toMatchObject({
      age: null,
      sex: 'female',
      ageRedacted: true,
    });
  });
});

describe('parseInjury', () => {
  it('reads date, mechanism and body parts', () => {
    expect(
      parseInjury(
        'The patient is a year old female injured on 11/13/03 due to an unspecified mechanism of injury. The patient ' +
          'sustained injuries to the upper back, right knee, and lower back areas.',
        2013,
      ),
    ).toEqual({ date: '2003-11-13', mechanism: null, bodyParts: ['upper back', 'right knee', 'lower back'] });
    expect(
      parseInjury('He sustained an industrial injury on 10/2/15 due to repetitive lifting.', 2020),
    ).toMatchObject({
      date: '2015-10-02',
      mechanism: 'repetitive lifting',
    });
  });
});
