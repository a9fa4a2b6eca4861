import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Whose data is being erased: the person's address and phone, and the cases that held them. */
export interface ErasureSubject {
  email: string | null;
  phone: string | null;
  caseIds: number[];
  folios: string[];
}

/** Erases what one module holds about the subject, inside the anonymisation's transaction; returns files to delete after it commits. */
export type PersonalDataEraser = (manager: EntityManager, subject: ErasureSubject) => Promise<{ files?: string[] } | void>;

/**
 * Where anonymisation reaches beyond the case itself. The cases module erases the case;
 * modules that copy a person's data elsewhere (the outbox's emails, the official mailbox,
 * Open311's client ids) register an eraser here, so that cases never depends on them.
 */
@Injectable()
export class PersonalDataErasers {
  private readonly erasers: { name: string; erase: PersonalDataEraser }[] = [];

  register(name: string, erase: PersonalDataEraser): void {
    this.erasers.push({ name, erase });
  }

  async erase(manager: EntityManager, subject: ErasureSubject): Promise<{ files: string[]; erasedBy: string[] }> {
    const files: string[] = [];
    for (const e of this.erasers) files.push(...((await e.erase(manager, subject))?.files ?? []));
    return { files, erasedBy: this.erasers.map((e) => e.name) };
  }
}
