/** The invitation template and how the event's fields fill it. Pure. */
export const TEMPLATE_FIELDS = ['titulo', 'fecha', 'hora', 'lugar', 'domicilio', 'dependencia', 'descripcion', 'municipio'] as const;
export type TemplateFields = Record<(typeof TEMPLATE_FIELDS)[number], string>;

export const DEFAULT_TEMPLATE = {
  subject: 'Invitación: {titulo} — {fecha}',
  body: [
    'A los medios de comunicación:',
    '',
    'El H. Ayuntamiento de {municipio}, a través de la Dirección de Comunicación Social, tiene el gusto de invitarle a cubrir la siguiente actividad:',
    '',
    'Evento: {titulo}',
    'Fecha: {fecha}',
    'Hora: {hora}',
    'Lugar: {lugar}',
    'Domicilio: {domicilio}',
    'Organiza: {dependencia}',
    '',
    '{descripcion}',
    '',
    'Agradecemos confirme su asistencia y el número de personas de su equipo.',
    '',
    'Atentamente,',
    'Dirección de Comunicación Social',
  ].join('\n'),
};

/** Fill {campo} placeholders; unknown placeholders are left as they are, so a typo shows in the preview. */
export function renderTemplate(text: string, fields: TemplateFields): string {
  return text
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in fields ? fields[name as keyof TemplateFields] : whole))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Placeholders in a template that are not fields (to warn the editor). */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => !(TEMPLATE_FIELDS as readonly string[]).includes(n)))];
}
