import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { registerFileType } from './register-files';
import { RegisterImportsService } from './register-imports.service';

export class ImportQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Answer what the import would create, change and end, and write nothing' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

class ImportCountsDto {
  @ApiProperty() created!: number;
  @ApiProperty() changed!: number;
}

class PopulationImportResponseDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'children, guardians, guardianships (created, changed, ended, unconfirmed), consentsNoLongerWaiting' })
  counts!: Record<string, unknown>;
  @ApiProperty({ type: Object }) children!: Record<string, unknown>;
  @ApiProperty({ type: Object }) guardians!: Record<string, unknown>;
  @ApiProperty({ type: Object }) guardianships!: Record<string, unknown>;
}

class EnrolmentImportResponseDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: ImportCountsDto }) counts!: ImportCountsDto;
  @ApiProperty({ type: [Object] }) created!: unknown[];
  @ApiProperty({ type: [Object] }) changed!: unknown[];
  @ApiProperty({ type: [Object] }) ended!: unknown[];
}

const FILE_BODY = { schema: { type: 'string', description: 'The file: CSV with a header row, or JSON (docs/registers.md)' } };

/** Register files for the municipal administrator: the body is the file itself (text/csv or application/json). */
@ApiTags('administration')
@Controller('admin/imports')
export class RegisterImportsController {
  constructor(private readonly imports: RegisterImportsService) {}

  @Post('population')
  @HttpCode(200)
  @Authorize('create', 'RegisterImport')
  @ApiOperation({ summary: 'Import a population-register extract: children, guardians, parental responsibility, address protection' })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: PopulationImportResponseDto })
  population(@CurrentContext() ctx: RequestContext, @Query() query: ImportQuery, @Req() req: Request) {
    return this.imports.population(ctx, registerFileType(req.headers['content-type']), req.body ?? '', query.dryRun === 'true');
  }

  @Post('enrolments')
  @HttpCode(200)
  @Authorize('create', 'RegisterImport')
  @ApiOperation({ summary: 'Import enrolments from the kindergarten and school administration systems: child, unit, group, from, to' })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: EnrolmentImportResponseDto })
  enrolments(@CurrentContext() ctx: RequestContext, @Query() query: ImportQuery, @Req() req: Request) {
    return this.imports.enrolments(ctx, registerFileType(req.headers['content-type']), req.body ?? '', query.dryRun === 'true');
  }
}
