import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CaseActor } from '../../src/cases/case-actor';
import { DepartmentsService } from '../../src/departments/departments.service';
import { MailboxRepository } from '../../src/mailbox/mailbox.repository';
import { MailboxService } from '../../src/mailbox/mailbox.service';
import { createTestApp, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

/**
 * Issue 16 item 20: an email turned into a case took the moment of the conversion as its date of
 * receipt, so the deadline started late. The case is received when the email arrived.
 */
describe('an email turned into a case is received when the email arrived', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('dates the case, its receipt and its deadline from the arrival, not from the conversion', async () => {
    const { category } = await seedCategory(t, { name: 'Agua potable', deadlineDays: 5 });
    const arrived = new Date(t.clock.now().getTime() - 4 * 86_400_000); // four days before someone converted it
    const id = await t.dataSource.transaction((m) =>
      t.app.get(MailboxRepository).insertMessage(
        { folder: 'INBOX', uidValidity: '1', uid: '77', messageId: '<fuga-77@example.com>', fromName: 'Lucía Hernández', fromAddress: 'lucia@example.com', subject: 'Fuga de agua', sentAt: arrived, receivedAt: arrived, textBody: 'Fuga frente a la escuela.', safeHtml: null, size: 300, kind: 'message', state: 'new' },
        m,
      ),
    );
    const attention = await t.factories.user('attention');
    const by: CaseActor = { audit: { ...SYSTEM_ACTOR, userId: attention.id }, userId: attention.id, name: 'Atención', role: 'attention', departmentId: null };
    const folio = await t.app.get(MailboxService).toCase(id!, { type: 'complaint', categoryId: category.id, locality: 'Tancuilín', description: 'Fuga frente a la escuela.' }, '2026-01', by);
    const [c] = await t.dataSource.query(`SELECT created_at, to_char(due_date, 'YYYY-MM-DD') AS due FROM cases WHERE folio = $1`, [folio]);
    expect(new Date(c.created_at).toISOString()).toBe(arrived.toISOString());
    const arrivalDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(arrived);
    expect(c.due).toBe(await t.app.get(DepartmentsService).deadline(arrivalDay, 5));
  });
});
