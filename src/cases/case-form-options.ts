import { Injectable } from '@nestjs/common';
import { CategoriesService } from '../departments/categories.service';
import { DepartmentsService } from '../departments/departments.service';
import { CASE_STATUSES } from './case-status';
import { CASE_TYPES, CHANNELS, PRIORITIES } from './case.entity';
import { LOCALITIES } from './localities';

/** Option lists for the forms and filters (labels are i18n keys, or names from the catalogue). */
@Injectable()
export class CaseFormOptions {
  constructor(
    private readonly categories: CategoriesService,
    private readonly departments: DepartmentsService,
  ) {}

  types() {
    return CASE_TYPES.map((t) => ({ value: t, label: `cases.type.${t}` }));
  }
  channels() {
    return CHANNELS.map((c) => ({ value: c, label: `cases.channel.${c}` }));
  }
  statuses() {
    return CASE_STATUSES.map((s) => ({ value: s, label: `cases.status.${s}` }));
  }
  priorities() {
    return PRIORITIES.map((p) => ({ value: p, label: `cases.priority.${p}` }));
  }
  localities() {
    return LOCALITIES;
  }
  async categoryOptions(onlyActive = true) {
    return (await this.categories.list(onlyActive)).map((c) => ({ value: c.id, labelText: c.name, description: c.description }));
  }
  departmentOptions() {
    return this.departments.options();
  }

  async forForm() {
    return { types: this.types(), categories: await this.categoryOptions(), localities: this.localities(), channels: this.channels().filter((c) => c.value !== 'api') };
  }
}
