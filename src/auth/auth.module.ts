import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { LocalStrategy, SessionSerializer } from './local.strategy';
import { LoginLimits } from './login-limits';
import { UsersAdminController } from './users-admin.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [PassportModule.register({ session: true })],
  controllers: [AuthController, UsersAdminController],
  providers: [UsersRepository, UsersService, LocalStrategy, SessionSerializer, LoginLimits],
  exports: [UsersService],
})
export class AuthModule {}
