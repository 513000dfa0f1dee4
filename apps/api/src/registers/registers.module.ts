import { Module } from '@nestjs/common';
import { RegisterImportsController } from './register-imports.controller';
import { RegisterImportsService } from './register-imports.service';

@Module({ controllers: [RegisterImportsController], providers: [RegisterImportsService] })
export class RegistersModule {}
