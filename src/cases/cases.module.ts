import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { DigestService } from './digest.service';
import { AttachmentsService } from './attachments';
import { CaseExports } from './case-exports';
import { CasesDemo } from './cases-demo';
import { CaseFormOptions } from './case-form-options';
import { CaseQuestionsController, CaseQuestionsForm } from './case-questions';
import { CaseWorkService } from './case-work.service';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { InboxService } from './inbox.service';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataService } from './personal-data.service';
import { PublicCasesController } from './public-cases.controller';
import { ReceiptService } from './receipt.service';
import { SpamGuard } from './spam-guard';
import { StaffCasesController } from './staff-cases.controller';
import { StatisticsController } from './statistics.controller';

@Module({
  imports: [DepartmentsModule],
  controllers: [CaseQuestionsController, PublicCasesController, StaffCasesController, StatisticsController, PersonalDataController],
  providers: [CasesDemo, DigestService, PersonalDataService, CasesRepository, CasesService, CaseWorkService, InboxService, AttachmentsService, SpamGuard, CaseFormOptions, CaseQuestionsForm, ReceiptService, CaseExports],
  exports: [CasesDemo, CasesService, CaseWorkService, CasesRepository, DigestService],
})
export class CasesModule {}
