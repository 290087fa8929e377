-- The console shows the merchant's publishable key (it goes in every snippet), so new ones are also
-- kept sealed with the server key; keys made before this have none and show once rolled.
alter table api_keys add column sealed_key text;
