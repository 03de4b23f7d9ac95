import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, RequirePermissions } from '@health/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AuditEventsService } from './audit-events.service';
import { AuditEventPageDto, AuditVerificationDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';

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
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiErrorResponses(401, 403)
  verifyAuditChain(@CurrentActor() actor: Actor): Promise<AuditVerificationDto> {
    return this.auditEvents.verify(actor);
  }
}
