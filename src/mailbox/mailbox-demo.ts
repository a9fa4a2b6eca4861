import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { MailKind, MailState } from './mail-message.entity';
import { MailboxRepository } from './mailbox.repository';

/** Demo folder: the sample messages never mix with a real server's UIDs. */
export const DEMO_FOLDER = 'demo';

const MESSAGES: { from: [string, string]; subject: string; text: string; hoursAgo: number; state?: MailState; kind?: MailKind; automatedKind?: string; assignee?: string }[] = [
  { from: ['Dirección de Cultura', 'cultura@tampacan.gob.mx'], subject: 'Aviso: Feria de la lectura en la plaza principal', text: 'Buen día.\n\nLes informamos que el próximo sábado se realizará la Feria de la lectura en la plaza principal, de 10:00 a 14:00 horas, con la participación de las escuelas primarias del municipio. Asistirá la Presidenta Municipal.\n\nAtentamente,\nDirección de Cultura', hoursAgo: 3 },
  { from: ['Guadalupe Martínez Reyes', 'lupita.martinez@example.com'], subject: 'Fuga de agua en Tancuilín', text: 'Buenas tardes. Desde el lunes hay una fuga de agua potable frente a la escuela primaria de Tancuilín, sobre la calle Hidalgo. Se está desperdiciando mucha agua. Gracias.', hoursAgo: 5 },
  { from: ['Protección Civil', 'proteccioncivil@tampacan.gob.mx'], subject: 'Reporte semanal de incidencias', text: 'Se anexa el resumen de la semana: 2 árboles caídos retirados en Chuchupe, 1 conato de incendio de pastizal controlado. Sin personas lesionadas.', hoursAgo: 26, state: 'in_progress', assignee: 'prensa@tampacan.gob.mx' },
  { from: ['Presidencia Municipal de Tamazunchale', 'comunicacion@tamazunchale.example'], subject: 'Respuesta automática: fuera de la oficina', text: 'Estaré fuera de la oficina hasta el lunes.', hoursAgo: 30, kind: 'automated', state: 'discarded', automatedKind: 'auto_reply' },
];

/** Sample messages for the shared inbox of the demo (written directly: no IMAP server in a demo). */
@Injectable()
export class MailboxDemo {
  constructor(
    private readonly repo: MailboxRepository,
    private readonly clock: Clock,
  ) {}

  async seed(m: EntityManager, users: Map<string, number>): Promise<void> {
    const now = this.clock.now().getTime();
    let uid = 0;
    for (const x of MESSAGES) {
      const at = new Date(now - x.hoursAgo * 3_600_000);
      await this.repo.insertMessage(
        {
          folder: DEMO_FOLDER, uidValidity: '1', uid: String(++uid), messageId: `<demo-${uid}@tampacan.example>`, fromName: x.from[0], fromAddress: x.from[1],
          subject: x.subject, sentAt: at, receivedAt: at, textBody: x.text, safeHtml: null, size: x.text.length + 400,
          kind: x.kind ?? 'message', automatedKind: x.automatedKind ?? null, state: x.state ?? 'new', assigneeId: x.assignee ? (users.get(x.assignee) ?? null) : null,
        },
        m,
      );
    }
  }
}
