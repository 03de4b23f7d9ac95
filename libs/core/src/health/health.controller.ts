import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access-metadata';
import { DependencyStatus, QueueHealth } from '../queue/queue-health';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'], description: '`degraded` while the queue is down: the API still serves' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: ['up', 'down'] })
  database!: DependencyStatus;

  @ApiProperty({ enum: ['up', 'down'] })
  queue!: DependencyStatus;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queueHealth: QueueHealth,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness and dependency status (no authentication)' })
  @ApiOkResponse({ type: HealthDto })
  async getHealth(): Promise<HealthDto> {
    const [database, queue] = await Promise.all([this.databaseStatus(), this.queueHealth.status()]);
    return { status: database === 'up' && queue === 'up' ? 'ok' : 'degraded', database, queue };
  }

  private async databaseStatus(): Promise<DependencyStatus> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }
}
