import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { AttachmentsService } from './attachments';
import { CaseExports } from './case-exports';
import { CaseFormOptions } from './case-form-options';
import { CaseWorkService } from './case-work.service';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { InboxService } from './inbox.service';
import { PublicCasesController } from './public-cases.controller';
import { ReceiptService } from './receipt.service';
import { SpamGuard } from './spam-guard';
import { StaffCasesController } from './staff-cases.controller';

@Module({
  imports: [DepartmentsModule],
  controllers: [PublicCasesController, StaffCasesController],
  providers: [CasesRepository, CasesService, CaseWorkService, InboxService, AttachmentsService, SpamGuard, CaseFormOptions, ReceiptService, CaseExports],
  exports: [CasesService, CaseWorkService, CasesRepository],
})
export class CasesModule {}
