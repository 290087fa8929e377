-- The console's offers list shows, per offer, its forming teams and how many succeeded and failed
-- over its whole life. Counting the closed ones from `teams` each time reads every team the offer
-- ever had (250,000 index entries for a page of 50 busy offers: ~100 ms), so they are kept here,
-- written by a trigger in the same transaction as the status change: no code path can change a
-- team's status without its count following, and nothing can drift.
--
-- Each offer's totals are spread over 16 slots (by a hash of the team's id) so that teams of one
-- offer closing at the same moment rarely wait on the same row; a read sums at most 16 rows.
-- Forming teams (pending, open) are few at any time and counted from their own partial index.
create table offer_team_totals (
  merchant_id text not null,
  offer_id text not null,
  slot smallint not null,
  succeeded bigint not null default 0,
  failed bigint not null default 0,
  primary key (merchant_id, offer_id, slot)
);

create function count_closed_teams() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status in ('succeeded', 'failed') then
    insert into offer_team_totals (merchant_id, offer_id, slot, succeeded, failed)
    values (old.merchant_id, old.offer_id, hashtext(old.id) & 15,
            -(old.status = 'succeeded')::int, -(old.status = 'failed')::int)
    on conflict (merchant_id, offer_id, slot) do update
      set succeeded = offer_team_totals.succeeded + excluded.succeeded,
          failed = offer_team_totals.failed + excluded.failed;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status in ('succeeded', 'failed') then
    insert into offer_team_totals (merchant_id, offer_id, slot, succeeded, failed)
    values (new.merchant_id, new.offer_id, hashtext(new.id) & 15,
            (new.status = 'succeeded')::int, (new.status = 'failed')::int)
    on conflict (merchant_id, offer_id, slot) do update
      set succeeded = offer_team_totals.succeeded + excluded.succeeded,
          failed = offer_team_totals.failed + excluded.failed;
  end if;
  return null;
end $$;

-- Only a change into or out of a closed status touches the totals: seat counts and the leader's
-- payment (pending → open) do not fire it.
create trigger teams_closed_insert after insert on teams
  for each row when (new.status in ('succeeded', 'failed')) execute function count_closed_teams();
create trigger teams_closed_update after update of status, offer_id on teams
  for each row when ((old.status in ('succeeded', 'failed') or new.status in ('succeeded', 'failed'))
                     and (old.status is distinct from new.status or old.offer_id is distinct from new.offer_id))
  execute function count_closed_teams();
create trigger teams_closed_delete after delete on teams
  for each row when (old.status in ('succeeded', 'failed')) execute function count_closed_teams();

insert into offer_team_totals (merchant_id, offer_id, slot, succeeded, failed)
select merchant_id, offer_id, hashtext(id) & 15,
       count(*) filter (where status = 'succeeded'), count(*) filter (where status = 'failed')
from teams where status in ('succeeded', 'failed')
group by 1, 2, 3;

create index teams_forming_by_offer on teams (merchant_id, offer_id, status) where status in ('pending', 'open');
