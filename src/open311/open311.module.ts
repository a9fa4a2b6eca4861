import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { ApiKeysAdminController } from './api-keys-admin.controller';
import { ApiKeysService } from './api-keys.service';
import { Open311Demo } from './open311-demo';
import { Open311Controller } from './open311.controller';
import { Open311Repository } from './open311.repository';
import { Open311Service } from './open311.service';

@Module({
  imports: [DepartmentsModule, CasesModule],
  controllers: [Open311Controller, ApiKeysAdminController],
  providers: [Open311Service, Open311Repository, ApiKeysService, Open311Demo],
  exports: [ApiKeysService, Open311Demo],
})
export class Open311Module {}
