import { ImportFormatError, parseContactsCsv, validateContactRows } from './contact-import';

const ctx = {
  outlets: [{ id: 1, name: 'Radio Huasteca' }, { id: 2, name: 'El Sol de la Huasteca' }],
  existing: [{ email: 'ya@existe.mx', name: 'Pedro Cruz', outletId: 1 }],
};

describe('contacts CSV import rules', () => {
  it('reads Spanish headers, either delimiter, and flags each bad row with its reasons', () => {
    const csv = [
      'Nombre;Cargo;Medio;Correo;Teléfonos;No contactar',
      'Ana López;Reportera;radio huasteca;ana@radio.mx;482 100 2000;',
      'Luis;Editor;Diario Inventado;luis@x.mx;;',
      'Marta Ruiz;;El Sol de la Huasteca;no-es-correo;;',
      'Pedro Cruz;;Radio Huasteca;otro@radio.mx;;',
      'Sara Gil;;;ya@existe.mx;;',
      'Ana López B;;;ana@radio.mx;;sí',
    ].join('\n');
    const rows = validateContactRows(parseContactsCsv(csv), ctx);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(rows[0].errors).toEqual([]);
    expect(rows[0].draft).toMatchObject({ name: 'Ana López', outletId: 1, email: 'ana@radio.mx', preferredChannel: 'email', doNotContact: false });
    expect(rows[1].errors).toContain('media.import.error.unknown_outlet');
    expect(rows[2].errors).toContain('media.import.error.email');
    expect(rows[3].errors).toContain('media.import.error.duplicate_name');
    expect(rows[4].errors).toContain('media.import.error.duplicate_email');
    expect(rows[5].errors).toContain('media.import.error.duplicate_email_in_file');
  });

  it('refuses a file without a name column or without rows', () => {
    expect(() => parseContactsCsv('correo,medio\na@b.mx,x')).toThrow(ImportFormatError);
    expect(() => parseContactsCsv('nombre,correo\n')).toThrow(ImportFormatError);
    expect(() => parseContactsCsv('nombre,correo\n"sin cerrar,a@b.mx')).toThrow(ImportFormatError);
  });
});
