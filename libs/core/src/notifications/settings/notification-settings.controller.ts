import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../auth/access-metadata';
import { Audit } from '../../audit/audit.decorators';
import { ApiErrorResponses } from '../../errors/api-error-responses';
import { NotificationSettingsDto, UpdateNotificationSettingsDto } from '../dto/notification-settings.dto';
import { OrgActor, OrgActorParam } from '../request-actor';
import { NotificationSettingsService } from './notification-settings.service';

/** Quiet hours and channel credentials of the caller's organisation; secrets are write-only. */
@ApiTags('notifications')
@Audit({ targetType: 'notification_setting' })
@Controller('v1/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'getNotificationSettings',
    summary: 'Quiet hours and channels (secrets only as configured or not)',
  })
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiErrorResponses(401, 403)
  getNotificationSettings(@OrgActorParam() caller: OrgActor): Promise<NotificationSettingsDto> {
    return this.settings.view(caller.orgId);
  }

  @Put()
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'updateNotificationSettings',
    summary: 'Change quiet hours and channels',
    description: 'Fields left out keep their value and `null` clears one. Secrets are stored encrypted and never returned.',
  })
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiErrorResponses(400, 401, 403)
  updateNotificationSettings(
    @OrgActorParam() caller: OrgActor,
    @Body() dto: UpdateNotificationSettingsDto,
  ): Promise<NotificationSettingsDto> {
    return this.settings.update(caller.orgId, dto);
  }
}
