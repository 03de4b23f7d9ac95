import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AuditEventsService } from './audit-events.service';
import {
  AuditEventPageDto,
  AuditVerificationDto,
  AuditVerificationListDto,
  AuditVerificationRunDto,
  ListAuditEventsQueryDto,
} from './dto/audit-event.dto';

@ApiTags('audit')
@Controller('v1/audit-events')
export class AuditEventsController {
  constructor(private readonly auditEvents: AuditEventsService) {}

  @Get()
  @RequirePermissions('audit:read')
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'Audit events of the organisation, newest first' })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiErrorResponses(400, 401, 403)
  listAuditEvents(@CurrentActor() actor: Actor, @Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    return this.auditEvents.list(actor, query);
  }

  @Get('verify')
  @RequirePermissions('audit:read')
  @ApiOperation({
    operationId: 'verifyAuditChain',
    summary: 'Recompute the hash chain and report the first row that was altered or removed',
    description:
      'Runs in the request (about 20 s a million rows). For a large log start a verification job instead: `POST /api/v1/audit-events/verifications`.',
    deprecated: true,
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiErrorResponses(401, 403)
  verifyAuditChain(@CurrentActor() actor: Actor): Promise<AuditVerificationDto> {
    return this.auditEvents.verify(actor);
  }

  @Post('verifications')
  @Audit({ targetType: 'audit_verification' })
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermissions('audit:read')
  @ApiOperation({
    operationId: 'startAuditVerification',
    summary: 'Start recomputing the hash chains in the background (or get the one already queued or running)',
    description:
      'Answers at once with the verification; follow it with `GET /api/v1/audit-events/verifications/{id}` until its status is `completed` (see `valid`) or `failed`. One at a time per organisation. The result is also an `audit.verified` event.',
  })
  @ApiAcceptedResponse({ type: AuditVerificationRunDto })
  @ApiErrorResponses(401, 403)
  startAuditVerification(@CurrentActor() actor: Actor): Promise<AuditVerificationRunDto> {
    return this.auditEvents.startVerification(actor);
  }

  @Get('verifications')
  @RequirePermissions('audit:read')
  @ApiOperation({ operationId: 'listAuditVerifications', summary: 'The latest chain verifications, newest first' })
  @ApiOkResponse({ type: AuditVerificationListDto })
  @ApiErrorResponses(401, 403)
  listAuditVerifications(@CurrentActor() actor: Actor): Promise<AuditVerificationListDto> {
    return this.auditEvents.listVerifications(actor);
  }

  @Get('verifications/:id')
  @RequirePermissions('audit:read')
  @ApiOperation({ operationId: 'getAuditVerification', summary: 'A chain verification: progress, then its result' })
  @ApiOkResponse({ type: AuditVerificationRunDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getAuditVerification(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<AuditVerificationRunDto> {
    return this.auditEvents.getVerification(actor, id);
  }
}
