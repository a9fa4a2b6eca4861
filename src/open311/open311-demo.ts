import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-actor';
import { CategoriesService } from '../departments/categories.service';
import { CategoryQuestionsService } from '../departments/category-questions.service';
import { CategoryQuestionFormDto } from '../departments/dto/category-question.dto';
import { ApiKeysService } from './api-keys.service';

/**
 * The demo API key, printed in README.md. It is stored like any other key (its SHA-256
 * only); on a real installation issue keys at /admin/api instead.
 */
export const DEMO_API_KEY = 'c311_demo0fms2026_TampacanHuasteca-DemoKey-2026';

const DEMO_QUESTIONS: Record<string, Omit<CategoryQuestionFormDto, 'active'>[]> = {
  'Alumbrado público': [
    { question: '¿Cuántas luminarias?', code: 'luminarias', kind: 'number', required: true, position: 1, helpText: 'Las que fallan en la misma calle o cuadra.' },
    { question: '¿Qué le pasa a la luminaria?', code: 'falla', kind: 'single', required: false, position: 2, options: 'apagada | Está apagada\nparpadea | Parpadea\nde_dia | Prende de día\nposte | El poste está dañado o con cables sueltos' },
  ],
  'Bacheo y pavimentación': [
    { question: 'Tamaño del bache', code: 'tamano', kind: 'single', required: true, position: 1, options: 'chico | Chico (cabe un pie)\nmediano | Mediano (como una llanta)\ngrande | Grande (más de un metro)' },
    { question: 'Riesgos cercanos', code: 'riesgos', kind: 'multiple', required: false, position: 2, options: 'escuela | Está cerca de una escuela\nagua | Se llena de agua cuando llueve\ncurva | Está en una curva o bajada' },
  ],
};

/** Demo data of this module: questions for two categories and a key for a demo client. */
@Injectable()
export class Open311Demo {
  constructor(
    private readonly categories: CategoriesService,
    private readonly questions: CategoryQuestionsService,
    private readonly keys: ApiKeysService,
  ) {}

  async seed(m: EntityManager): Promise<void> {
    const all = await this.categories.list(false, m);
    for (const [name, list] of Object.entries(DEMO_QUESTIONS)) {
      const category = all.find((c) => c.name === name);
      if (!category) continue;
      for (const q of list) await this.questions.create(category.id, { ...q, active: true } as CategoryQuestionFormDto, SYSTEM_ACTOR, m);
    }
    await this.keys.create({ clientName: 'FixMyStreet Tampacán (demostración)', contactEmail: 'soporte@ejemplo.mx', rateLimitPerMinute: 120 }, SYSTEM_ACTOR, m, DEMO_API_KEY);
  }
}
